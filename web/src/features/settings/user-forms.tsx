import { Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { User } from '../../app/session.tsx';
import { LANGUAGES } from '../../i18n/i18n.ts';
import { ROLES } from './roles.ts';

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

export function AddUserForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roleOptions = useRoleOptions();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<string | null>(null);
  const [roles, setRoles] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () =>
      api<User>('/users', {
        method: 'POST',
        body: {
          email,
          displayName,
          ...(password ? { password } : {}),
          locale,
          roles: roles.map((role) => ({ role })),
        },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['/users'] });
      onClose();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('users.add')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('users.name')}
            required
            data-autofocus
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
          />
          <TextInput
            label={t('users.email')}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Select
            label={t('users.locale')}
            placeholder={t('users.localeWorkspace')}
            clearable
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={locale}
            onChange={setLocale}
          />
          <MultiSelect
            label={t('users.roles')}
            placeholder={t('users.rolesPlaceholder')}
            data={roleOptions}
            value={roles}
            onChange={setRoles}
            error={errors.roles}
          />
          {save.error ? <ErrorState error={save.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('users.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Replaces a user's roles; assignments of roles kept keep their team and capacity. */
export function EditRolesForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roleOptions = useRoleOptions();
  const [roles, setRoles] = useState<string[]>(() => [...new Set(user.roles.map((r) => r.role))]);
  const save = useMutation({
    mutationFn: () => {
      const kept = user.roles.filter((r) => roles.includes(r.role));
      const added = roles.filter((r) => !kept.some((k) => k.role === r)).map((role) => ({ role }));
      return api<User>(`/users/${user.id}`, {
        method: 'PATCH',
        body: { version: user.version, roles: [...kept, ...added] },
      });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['/users'] });
      await client.invalidateQueries({ queryKey: ['me'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('users.editRolesTitle', { name: user.displayName })} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <MultiSelect
            label={t('users.roles')}
            placeholder={t('users.rolesPlaceholder')}
            data={roleOptions}
            value={roles}
            onChange={setRoles}
            data-autofocus
          />
          {save.error ? <ErrorState error={save.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
