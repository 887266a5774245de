import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { useCursorList } from '../../app/cursor-list.tsx';
import { SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { Scenario } from './api.ts';
import { ScenarioComparison } from './scenario-comparison.tsx';
import { ScenarioTable } from './scenario-table.tsx';
import { usePeriodOptions } from './target-form.tsx';

const MAX_COMPARED = 6;

/** Saved scenarios: find, delete, and pick two to six to compare side by side. */
export default function ScenariosPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const { q, setQ, search } = useListSearch();
  const [period, setPeriod] = useState<string | null>(null);
  const [sort, setSort] = useState('-createdAt');
  const [deleting, setDeleting] = useState<Scenario | null>(null);
  const periods = usePeriodOptions();
  const list = useCursorList<Scenario>('/plan/scenarios', { q: search, period, sort });
  const selected = (params.get('select') ?? '').split(',').filter(Boolean);
  const compared = (params.get('compare') ?? '').split(',').filter(Boolean);
  const setParam = (key: string, ids: string[]) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (ids.length) next.set(key, ids.join(','));
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const toggle = (id: string) =>
    setParam('select', selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);

  const remove = useMutation({
    mutationFn: (s: Scenario) =>
      api<void>(`/plan/scenarios/${s.id}`, { method: 'DELETE', query: { version: s.version } }),
    onSuccess: async (_, s) => {
      setDeleting(null);
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          for (const key of ['select', 'compare']) {
            const ids = (next.get(key) ?? '').split(',').filter((id) => id && id !== s.id);
            if (ids.length) next.set(key, ids.join(','));
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
      await client.invalidateQueries({ queryKey: ['/plan/scenarios'] });
    },
  });
  const filtered = Boolean(search || period);
  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARED;

  return (
    <>
      <PageHeader
        title={t('planning.scenarios.title')}
        description={t('planning.scenarios.description')}
        actions={
          <Button component={Link} to="/planning" variant="default">
            {t('planning.scenarios.newPlan')}
          </Button>
        }
      />
      <Paper withBorder p="md" radius="md" mb="lg">
        <Group mb="md" gap="sm" align="flex-end" justify="space-between">
          <Group gap="sm" align="flex-end">
            <SearchField
              placeholder={t('planning.scenarios.searchPlaceholder')}
              value={q}
              onChange={setQ}
              w={260}
            />
            <Select
              label={t('planning.target.period')}
              placeholder={t('common.all')}
              clearable
              data={periods}
              value={period}
              onChange={setPeriod}
              w={220}
            />
          </Group>
          <Group gap="sm" align="center">
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="selected-count">
              {t('planning.scenarios.selected', { count: selected.length, max: MAX_COMPARED })}
            </Text>
            <Button
              disabled={!canCompare}
              onClick={() => setParam('compare', selected)}
              data-testid="compare-button"
            >
              {t('planning.scenarios.compare')}
            </Button>
          </Group>
        </Group>
        {list.isPending ? (
          <PageLoader />
        ) : list.error && list.items.length === 0 ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.items.length === 0 ? (
          filtered ? (
            <EmptyState
              title={t('planning.scenarios.emptyFilteredTitle')}
              hint={t('planning.scenarios.emptyFilteredHint')}
            />
          ) : (
            <EmptyState
              title={t('planning.scenarios.emptyTitle')}
              hint={t('planning.scenarios.emptyHint')}
              action={
                <Button component={Link} to="/planning">
                  {t('planning.scenarios.newPlan')}
                </Button>
              }
            />
          )
        ) : (
          <ScenarioTable
            list={list}
            sort={sort}
            onSort={setSort}
            selected={selected}
            onToggle={toggle}
            canSelectMore={selected.length < MAX_COMPARED}
            onDelete={setDeleting}
          />
        )}
      </Paper>
      {compared.length >= 2 ? <ScenarioComparison ids={compared} /> : null}
      {deleting ? (
        <ConfirmDialog
          message={t('planning.scenarios.deleteConfirm', { name: deleting.name })}
          confirmLabel={t('planning.scenarios.delete')}
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => {
            setDeleting(null);
            remove.reset();
          }}
          pending={remove.isPending}
          error={remove.error}
        />
      ) : null}
    </>
  );
}
