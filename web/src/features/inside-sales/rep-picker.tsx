import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type Page } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { IS_ROLES, UserRow } from './api.ts';
import { isRepRole, reachableReps } from './reachable-reps.ts';

/** Managers and admins look at any rep's work; everyone else sees their own. */
export function useCanPickRep(): boolean {
  const { user } = useSession();
  return user.roles.some((r) => r.role === 'manager' || r.role === 'admin');
}

/** The rep whose work is shown: `?rep=` for a manager, else the signed-in user. */
export function useRep(): string {
  const { user } = useSession();
  const [params] = useSearchParams();
  const canPick = useCanPickRep();
  return (canPick && params.get('rep')) || user.id;
}

/** A manager's choice of rep (inside-sales members), kept in the URL so it can be shared. */
export function RepPicker() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const rep = useRep();
  const users = useQuery({
    queryKey: ['/users', 'is-reps'],
    queryFn: () =>
      api<Page<UserRow>>('/users', { query: { status: 'active', sort: 'displayName', limit: 200 } }),
  });
  const reps = reachableReps(user, users.data?.items ?? []);
  const data = [
    { value: user.id, label: t('insideSales.queue.me') },
    ...reps.map((u) => ({
      value: u.id,
      label: `${u.displayName} · ${u.roles
        .filter((r) => isRepRole(r.role))
        .map((r) => t(`roles.${r.role as (typeof IS_ROLES)[number]}`))
        .join(' / ')}`,
    })),
  ];
  return (
    <Select
      label={t('insideSales.queue.rep')}
      description={t('insideSales.queue.repHint')}
      data={data}
      value={rep}
      allowDeselect={false}
      searchable
      w={280}
      disabled={users.isPending}
      error={users.error ? users.error.message || t('errors.title') : undefined}
      onChange={(v) => {
        const next = new URLSearchParams(params);
        if (!v || v === user.id) next.delete('rep');
        else next.set('rep', v);
        setParams(next, { replace: true });
      }}
      data-testid="rep-picker"
    />
  );
}
