import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { WriteKey } from './api.ts';
import { CopyBlock, trackingSnippet } from './copy-block.tsx';

export const KEYS = ['/tracking/write-keys'];

/** Creates a write key; the key and the tag carrying it are shown this once. */
export function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<WriteKey & { writeKey: string }>('/tracking/write-keys', { method: 'POST', body: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (create.data) {
    const key = create.data.writeKey;
    return (
      <Modal opened onClose={onClose} title={t('setup.tracking.keyCreatedTitle')} size="xl">
        <Stack>
          <Alert color="yellow" variant="light" title={t('setup.tracking.keyOnce')}>
            <Text size="sm">{t('setup.tracking.keyOnceHint')}</Text>
          </Alert>
          <CopyBlock
            label={t('setup.tracking.keyLabel')}
            value={key}
            copyLabel={t('setup.tracking.copyKey')}
            testId="write-key"
          />
          <CopyBlock
            label={t('setup.tracking.snippet')}
            value={trackingSnippet(key)}
            copyLabel={t('setup.tracking.copySnippet')}
            testId="tracking-snippet"
          />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('setup.tracking.done')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={t('setup.tracking.newKey')}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('setup.tracking.keyName')}
            placeholder={t('setup.tracking.keyNamePlaceholder')}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          {create.error ? <ErrorState error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('setup.tracking.newKey')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
