import { MultiSelect, PasswordInput, Select, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
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
  const errors = fieldErrorsOf(save.error);
  return (
    <FormModal
      onClose={onClose}
      title={t('users.add')}
      size="lg"
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={t('users.add')}
    >
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
    </FormModal>
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
  return (
    <FormModal
      onClose={onClose}
      title={t('users.editRolesTitle', { name: user.displayName })}
      size="lg"
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={t('common.save')}
    >
      <MultiSelect
        label={t('users.roles')}
        placeholder={t('users.rolesPlaceholder')}
        data={roleOptions}
        value={roles}
        onChange={setRoles}
        data-autofocus
      />
    </FormModal>
  );
}
