import { Group, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SearchField } from '../../app/list-toolbar.tsx';
import { useSession } from '../../app/session.tsx';
import { type BoardFilters, CARD_SORTS, OPPORTUNITY_TYPES } from './api.ts';
import { useDirectory } from './directory.ts';
import { useLabels } from './labels.ts';

const SELLING_ROLES = ['ae', 'am'];

/**
 * The board's filters, kept in the URL so a link or a reload shows the same board. The
 * owner filter starts at "mine" for someone who sells, at everything for a manager.
 */
export function useBoardFilters() {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const sells = me.user.roles.some((r) => SELLING_ROLES.includes(r.role));
  const owner = params.get('owner') ?? (sells ? 'mine' : 'all');
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? 'closeDate';
  const [search] = useDebouncedValue(q.trim(), 250);
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const filters: BoardFilters = {
    ownerUserId: owner === 'mine' ? me.user.id : owner === 'all' ? undefined : owner,
    teamId: params.get('team') ?? undefined,
    type: params.get('type') ?? undefined,
    q: search || undefined,
  };
  return { owner, q, sort, filters, set };
}

export function BoardFilterBar({ state }: { state: ReturnType<typeof useBoardFilters> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const directory = useDirectory();
  const me = useSession();
  const { owner, q, sort, filters, set } = state;
  const ownerOptions = [
    { value: 'mine', label: t('fieldSales.pipeline.ownerMine') },
    { value: 'all', label: t('fieldSales.pipeline.ownerAll') },
    ...directory.owners
      .filter((u) => u.id !== me.user.id)
      .map((u) => ({ value: u.id, label: u.displayName })),
  ];
  return (
    <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
      <SearchField
        placeholder={t('fieldSales.pipeline.searchPlaceholder')}
        value={q}
        onChange={(v) => set('q', v)}
        w={240}
      />
      <Select
        label={t('fieldSales.pipeline.owner')}
        data={ownerOptions}
        value={owner}
        onChange={(v) => set('owner', v)}
        allowDeselect={false}
        searchable
        w={190}
      />
      <Select
        label={t('fieldSales.pipeline.team')}
        placeholder={t('common.all')}
        clearable
        data={directory.teams.map((team) => ({ value: team.id, label: team.name }))}
        value={filters.teamId ?? null}
        onChange={(v) => set('team', v)}
        w={180}
      />
      <Select
        label={t('fieldSales.pipeline.type')}
        placeholder={t('common.all')}
        clearable
        data={OPPORTUNITY_TYPES.map((type) => ({ value: type, label: labels.type(type) }))}
        value={filters.type ?? null}
        onChange={(v) => set('type', v)}
        w={140}
      />
      <Select
        label={t('fieldSales.pipeline.sort')}
        data={CARD_SORTS.map((s) => ({ value: s, label: t(`fieldSales.pipeline.sorts.${s}`) }))}
        value={sort}
        onChange={(v) => set('sort', v === 'closeDate' ? null : v)}
        allowDeselect={false}
        w={190}
      />
    </Group>
  );
}
