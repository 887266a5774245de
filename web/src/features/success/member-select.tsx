import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { TeamMember } from './api.ts';

/** Picks one ONB, CSM or AM (with the size of their book), or everyone. */
export function MemberSelect({
  label,
  team,
  memberRole,
  value,
  onChange,
}: {
  label: string;
  team: TeamMember[];
  memberRole: TeamMember['role'];
  value: string | null;
  onChange: (userId: string | null) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Select
      label={label}
      placeholder={t('common.all')}
      clearable
      searchable
      data={team
        .filter((m) => m.role === memberRole)
        .map((m) => ({
          value: m.userId,
          label: t('success.team.withBook', { name: m.displayName, n: fmt.number(m.accounts) }),
        }))}
      value={value}
      onChange={onChange}
      w={240}
    />
  );
}
