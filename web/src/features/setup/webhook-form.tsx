import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from './api.ts';
import { CopyBlock } from './copy-block.tsx';

/** Subscribes a URL to events; the signing secret is shown once, after creation. */
export function WebhookForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [url, setUrl] = useState('https://');
  const [events, setEvents] = useState<WebhookEvent[]>(['stage.changed', 'handoff.opened']);
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<Webhook & { secret: string }>('/webhooks', {
        method: 'POST',
        body: { url, events, ...(description ? { description } : {}) },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['/webhooks'] }),
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (create.data) {
    return (
      <Modal opened onClose={onClose} title={t('setup.webhooks.secretTitle')} size="lg">
        <Stack>
          <Alert color="yellow" variant="light" title={t('setup.webhooks.secretOnce')}>
            <Text size="sm">{t('setup.webhooks.secretHint')}</Text>
          </Alert>
          <CopyBlock
            value={create.data.secret}
            copyLabel={t('setup.webhooks.copy')}
            testId="webhook-secret"
          />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('setup.webhooks.done')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <Modal opened onClose={onClose} title={t('setup.webhooks.newHook')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('setup.webhooks.url')}
            description={t('setup.webhooks.urlHint')}
            type="url"
            required
            data-autofocus
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={errors.url}
          />
          <Checkbox.Group
            label={t('setup.webhooks.events')}
            value={events}
            onChange={(v) => setEvents(v as WebhookEvent[])}
            error={errors.events}
          >
            <Stack gap={6} mt={6}>
              {WEBHOOK_EVENTS.map((e) => (
                <Checkbox key={e} value={e} label={`${t(`setup.webhooks.eventNames.${e}`)} (${e})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            label={t('setup.webhooks.descriptionLabel')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          {create.error ? <ErrorState error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={events.length === 0} loading={create.isPending}>
              {t('setup.webhooks.newHook')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
