import { Alert, Button, Group, Modal, type ModalProps, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { api } from './api.ts';
import { FormModal, fieldErrorsOf } from './form-modal.tsx';

/**
 * What a creation shows once and never again (an API token, a write key, a signing secret):
 * the warning, the values to copy (`children`, usually CopyBlocks) and the button that
 * closes it, focused so it is not dismissed by accident before the value is copied.
 */
export function SecretReveal({
  title,
  warning,
  hint,
  doneLabel,
  onClose,
  size = 'lg',
  children,
}: {
  title: string;
  warning: string;
  hint: string;
  doneLabel: string;
  onClose: () => void;
  size?: ModalProps['size'];
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <Stack>
        <Alert color="yellow" variant="light" title={warning}>
          <Text size="sm">{hint}</Text>
        </Alert>
        {children}
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {doneLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Creates a named secret (POST `{ name }` to `path`) and then shows what `reveal` makes of the
 * answer, once: the form and its flow shared by API tokens and tracking write keys.
 */
export function NamedSecretDialog<T>({
  path,
  invalidate,
  title,
  nameLabel,
  namePlaceholder,
  onClose,
  reveal,
}: {
  path: string;
  /** The list to refresh after the creation. */
  invalidate: readonly unknown[];
  title: string;
  nameLabel: string;
  namePlaceholder: string;
  onClose: () => void;
  reveal: (created: T) => ReactNode;
}) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api<T>(path, { method: 'POST', body: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: invalidate }),
  });
  if (create.data) return reveal(create.data);
  return (
    <FormModal
      title={title}
      size="md"
      onClose={onClose}
      onSubmit={() => create.mutate()}
      error={create.error}
      pending={create.isPending}
      submitLabel={title}
    >
      <TextInput
        label={nameLabel}
        placeholder={namePlaceholder}
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldErrorsOf(create.error).name}
      />
    </FormModal>
  );
}
