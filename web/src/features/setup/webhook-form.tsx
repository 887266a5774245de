import { Checkbox, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { CopyBlock } from '../../app/copy-block.tsx';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { SecretReveal } from '../../app/secret-reveal.tsx';
import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from './api.ts';

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
  const errors = fieldErrorsOf(create.error);
  if (create.data) {
    return (
      <SecretReveal
        title={t('setup.webhooks.secretTitle')}
        warning={t('setup.webhooks.secretOnce')}
        hint={t('setup.webhooks.secretHint')}
        doneLabel={t('setup.webhooks.done')}
        onClose={onClose}
      >
        <CopyBlock value={create.data.secret} copyLabel={t('setup.webhooks.copy')} testId="webhook-secret" />
      </SecretReveal>
    );
  }
  return (
    <FormModal
      title={t('setup.webhooks.newHook')}
      onClose={onClose}
      onSubmit={() => create.mutate()}
      error={create.error}
      pending={create.isPending}
      submitLabel={t('setup.webhooks.newHook')}
      submitDisabled={events.length === 0}
    >
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
            <Checkbox
              key={e}
              value={e}
              label={t(`setup.webhooks.eventNames.${e}`)}
              description={<code>{e}</code>}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <TextInput
        label={t('setup.webhooks.descriptionLabel')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={errors.description}
      />
    </FormModal>
  );
}
