import { Alert, Anchor, Button, List, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { loadCharts } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import { ListToolbar, SearchField } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { BOTTLENECK_KINDS, useBottlenecks } from './api.ts';
import { FindingList } from './finding-list.tsx';
import { useFindingText, useRoleName } from './finding-text.ts';
import { useLooseT } from './loose-t.ts';
import { PeriodPicker, useApiPeriodName } from './period-picker.tsx';
import { periodSearch, usePeriod } from './use-period.ts';

void loadCharts();

const SORTS = ['stake', 'kind'] as const;

export default function BottlenecksPage() {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  const { period, setPeriod, setGrain, today, fyStart } = usePeriod();
  const [params, setParams] = useSearchParams();
  const report = useBottlenecks(period.grain, period.to);
  const text = useFindingText();
  const role = useRoleName();
  const periodName = useApiPeriodName();
  const [kind, setKind] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<(typeof SORTS)[number]>('stake');
  const findings = report.data?.findings ?? [];
  const roles = [...new Set(findings.map((f) => f.owningRole).filter((r): r is string => r !== null))];
  const items = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = findings
      .map((finding, rank) => ({ rank, finding }))
      .filter(({ finding: f }) => !kind || f.kind === kind)
      .filter(({ finding: f }) => !owner || f.owningRole === owner)
      .filter(
        ({ finding: f }) => !needle || `${text(f)} ${role(f.owningRole)}`.toLowerCase().includes(needle),
      );
    if (sort === 'kind') {
      list.sort(
        (a, b) =>
          BOTTLENECK_KINDS.indexOf(a.finding.kind) - BOTTLENECK_KINDS.indexOf(b.finding.kind) ||
          a.rank - b.rank,
      );
    }
    return list;
  }, [findings, kind, owner, q, sort, text, role]);
  const total = findings.reduce((s, f) => s + (f.revenueAtStake ?? 0), 0);
  const open = params.get('open');
  const setOpen = (v: string | null) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (v === null) next.delete('open');
        else next.set('open', v);
        return next;
      },
      { replace: true },
    );
  const filtered = Boolean(kind || owner || q);
  const clear = () => {
    setKind(null);
    setOwner(null);
    setQ('');
  };

  return (
    <>
      <PageHeader
        title={t('cockpit.bottlenecks.title')}
        description={t('cockpit.bottlenecks.description')}
        actions={
          <Anchor component={Link} to={`/cockpit${periodSearch(period)}`}>
            {t('cockpit.bottlenecks.toCockpit')}
          </Anchor>
        }
      />
      <Stack gap="lg">
        <PeriodPicker
          period={period}
          today={today}
          fyStart={fyStart}
          onChange={setPeriod}
          onGrain={setGrain}
        />
        {report.isPending ? (
          <PageLoader />
        ) : report.error ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} data-testid="bottleneck-summary">
              {[
                [t('cockpit.bottlenecks.period'), periodName(report.data.period)],
                [
                  t('cockpit.bottlenecks.baseline'),
                  report.data.baseline.map(periodName).join(t('cockpit.bottlenecks.listSeparator')),
                ],
                [t('cockpit.bottlenecks.totalAtStake'), fmt.money(total)],
                [
                  t('cockpit.bottlenecks.mrrPerWin'),
                  report.data.mrrPerWin === null ? t('common.none') : fmt.money(report.data.mrrPerWin),
                ],
              ].map(([label, value]) => (
                <Paper key={label} withBorder p="sm" radius="md">
                  <Text size="xs" c="dimmed">
                    {label}
                  </Text>
                  <Text fw={700}>{value}</Text>
                </Paper>
              ))}
            </SimpleGrid>
            {report.data.notEvaluated.length > 0 ? (
              <Alert variant="light" color="yellow" title={t('cockpit.bottlenecks.notEvaluated')}>
                <List size="sm">
                  {report.data.notEvaluated.map((n) => (
                    <List.Item key={`${n.kind}-${n.reason}`}>
                      {tx(`cockpit.bottlenecks.notEvaluatedReasons.${n.kind}`, {
                        role: role(/role (\w+)$/.exec(n.reason)?.[1] ?? null),
                        defaultValue: t('cockpit.bottlenecks.notEvaluatedReasons.other'),
                      })}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            <Paper withBorder p="md" radius="md">
              <ListToolbar>
                <SearchField
                  placeholder={t('cockpit.bottlenecks.searchPlaceholder')}
                  value={q}
                  onChange={setQ}
                  w={260}
                />
                <Select
                  label={t('cockpit.findings.kind')}
                  placeholder={t('common.all')}
                  clearable
                  data={BOTTLENECK_KINDS.map((k) => ({ value: k, label: tx(`cockpit.findings.kinds.${k}`) }))}
                  value={kind}
                  onChange={setKind}
                  w={200}
                  data-testid="filter-kind"
                />
                <Select
                  label={t('cockpit.findings.owner')}
                  placeholder={t('common.all')}
                  clearable
                  data={roles.map((r) => ({ value: r, label: role(r) }))}
                  value={owner}
                  onChange={setOwner}
                  w={220}
                  data-testid="filter-role"
                />
                <Select
                  label={t('cockpit.bottlenecks.sort')}
                  data={SORTS.map((s) => ({ value: s, label: tx(`cockpit.bottlenecks.sorts.${s}`) }))}
                  value={sort}
                  onChange={(v) => v && setSort(v as (typeof SORTS)[number])}
                  allowDeselect={false}
                  w={200}
                />
              </ListToolbar>
              {findings.length === 0 ? (
                <EmptyState
                  title={t('cockpit.bottlenecks.emptyTitle')}
                  hint={t('cockpit.bottlenecks.emptyHint')}
                />
              ) : items.length === 0 ? (
                <EmptyState
                  title={t('cockpit.bottlenecks.emptyFilteredTitle')}
                  hint={t('cockpit.bottlenecks.emptyFilteredHint')}
                  action={
                    <Button variant="default" onClick={clear}>
                      {t('common.clearFilters')}
                    </Button>
                  }
                />
              ) : (
                <>
                  <FindingList items={items} open={open} onOpen={setOpen} />
                  <Text size="sm" c="dimmed" mt="sm" data-testid="list-count">
                    {filtered
                      ? t('cockpit.bottlenecks.countFiltered', { n: items.length, total: findings.length })
                      : t('common.showing', { count: items.length })}
                  </Text>
                </>
              )}
            </Paper>
          </>
        )}
      </Stack>
    </>
  );
}
