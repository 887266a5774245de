import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { ErrorState } from './query-state.tsx';

/** The API's field errors of a failed save, by field path (empty for any other error). */
export const fieldErrorsOf = (error: unknown): Record<string, string> =>
  error instanceof ApiError ? error.fieldErrors() : {};

/**
 * A dialog holding one form: its fields, the error of the last save (with the API's
 * message and field paths), then Cancel and the submit button. Enter submits.
 */
export function FormModal({
  title,
  size,
  onClose,
  onSubmit,
  error,
  pending,
  submitLabel,
  submitDisabled,
  submitColor,
  onRetry,
  noValidate,
  testId,
  children,
}: {
  title: ReactNode;
  size?: ModalProps['size'];
  onClose: () => void;
  onSubmit: () => void;
  /** The failed save's error, shown above the buttons. */
  error: unknown;
  pending: boolean;
  submitLabel: string;
  submitDisabled?: boolean;
  /** The submit button's colour, e.g. red for a rejection. */
  submitColor?: string;
  /** Offered with the error (e.g. to reload after a version conflict). */
  onRetry?: (() => void) | undefined;
  noValidate?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <form onSubmit={submit} noValidate={noValidate} data-testid={testId}>
        <Stack>
          {children}
          {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={submitColor} loading={pending} disabled={submitDisabled}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
