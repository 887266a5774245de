import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { type ReportRange, useKpis } from './api.ts';
import { ContributionChart } from './contribution-chart.tsx';
import { KpiTree } from './kpi-tree.tsx';
import { useLooseT } from './loose-t.ts';

/** The KPI tree of the chosen period against the one before it, with New MRR's change split by factor. */
export function KpiSection({ range, periodName }: { range: ReportRange; periodName: string }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const kpis = useKpis(range);
  const current = kpis.data?.periods.at(-1);
  const newMrr = current?.tree.children?.find((c) => c.key === 'newMrr');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="kpi-title">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="kpi-title">
            {t('cockpit.kpi.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('cockpit.kpi.hint', { period: periodName })}
          </Text>
        </Stack>
        {current ? (
          <Badge variant="light" color="gray" data-testid="kpi-method">
            {tx(`cockpit.kpi.methods.${current.method}`, { defaultValue: current.method })}
          </Badge>
        ) : null}
      </Group>
      {kpis.isPending ? (
        <PageLoader />
      ) : kpis.error ? (
        <ErrorState error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : !current || !newMrr ? (
        <EmptyState title={t('cockpit.kpi.emptyTitle')} hint={t('cockpit.kpi.emptyHint')} />
      ) : (
        <Stack gap="md" style={{ opacity: kpis.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" data-testid="kpi-formula">
            {t('cockpit.kpi.formula')}
          </Text>
          <KpiTree root={current.tree} />
          <div>
            <Title order={3} size="h5">
              {t('cockpit.kpi.waterfall.title')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('cockpit.kpi.waterfall.hint')}
            </Text>
            <ContributionChart newMrr={newMrr} />
          </div>
        </Stack>
      )}
    </Paper>
  );
}
