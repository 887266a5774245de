import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './query-state.tsx';

/** Asks before an action that cannot be undone from here; shows the API's error if it fails. */
export function ConfirmDialog({
  message,
  confirmLabel,
  onConfirm,
  onClose,
  pending,
  error,
}: {
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={confirmLabel} size="md">
      <Stack>
        <Text size="sm">{message}</Text>
        {error ? <ErrorState error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
