import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrgSim, OrgSimResult } from './api.ts';
import { OrgRoleChart } from './org-sim-chart.tsx';
import { OrgRoleTable } from './org-sim-table.tsx';
import { type PlanFormat, usePlanFormat } from './plan-format.ts';

type T = TFunction;

/** Where a model jams, named in the user's words with the numbers that show it. */
export function jamText(r: OrgSimResult, fmt: PlanFormat, t: T): { title: string; detail: string } {
  if (r.jam === 'demand') {
    const is = r.roles.find((x) => x.role === 'is');
    return {
      title: t('planning.orgSim.jamDemand'),
      detail: t('planning.orgSim.jamDemandDetail', { utilization: fmt.percent(is?.utilization ?? 0) }),
    };
  }
  const role = r.roles.find((x) => x.role === r.jam)!;
  return {
    title: t('planning.orgSim.jamAt', { role: t(`planning.roles.${r.jam}`) }),
    detail: t('planning.orgSim.jamDetail', {
      utilization: fmt.percent(role.utilization),
      queue: fmt.decimal(role.meanQueue),
      end: fmt.number(role.endQueue),
      wait: fmt.decimal(role.p90WaitDays),
      breaches: fmt.number(role.slaBreaches),
    }),
  };
}

function ModelCard({ result }: { result: OrgSimResult }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const jam = jamText(result, fmt, t);
  const breaches = result.roles.reduce((s, r) => s + r.slaBreaches, 0);
  const stats = [
    { key: 'mqls', value: fmt.number(result.mqls) },
    { key: 'sqls', value: fmt.number(result.sqls) },
    { key: 'wins', value: fmt.number(result.wins) },
    { key: 'onboarded', value: fmt.number(result.onboarded) },
    { key: 'slaBreaches', value: fmt.number(breaches) },
  ] as const;
  return (
    <Paper withBorder p="md" radius="md" data-testid={`model-${result.model}`}>
      <Title order={3} size="h5">
        {t(`planning.orgSim.models.${result.model}`)}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t(`planning.orgSim.modelHints.${result.model}`)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('planning.orgSim.newMrr')}
      </Text>
      <Text size="xl" fw={700} mb="sm" data-testid="model-new-mrr">
        {fmt.money(result.newMrr)}
      </Text>
      <SimpleGrid cols={5} spacing="xs" mb="sm">
        {stats.map((s) => (
          <Stack key={s.key} gap={0}>
            <Text size="xs" c="dimmed">
              {t(`planning.orgSim.stats.${s.key}`)}
            </Text>
            <Text fw={600} c={s.key === 'slaBreaches' && breaches > 0 ? 'red' : undefined}>
              {s.value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Alert
        color={result.jam === 'demand' ? 'gray' : 'orange'}
        variant="light"
        title={jam.title}
        data-testid="jam"
      >
        {jam.detail}
      </Alert>
    </Paper>
  );
}

/** Both models side by side: outcomes, where each jams, and queues and waits per role. */
export function OrgSimResults({ sim, stale }: { sim: OrgSim; stale: boolean }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const diff = sim.pods.newMrr - sim.assemblyLine.newMrr;
  return (
    <Stack gap="lg" style={{ opacity: stale ? 0.6 : 1 }} data-testid="org-sim-results">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4">
          {t('planning.orgSim.results', { days: fmt.number(sim.input.days) })}
        </Title>
        <Text size="sm" c="dimmed">
          {diff === 0
            ? t('planning.orgSim.sameMrr')
            : t('planning.orgSim.mrrDiff', {
                better: t(`planning.orgSim.models.${diff > 0 ? 'pods' : 'assembly_line'}`),
                amount: fmt.money(Math.abs(diff)),
              })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ModelCard result={sim.assemblyLine} />
        <ModelCard result={sim.pods} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <OrgRoleChart sim={sim} metric="meanQueue" />
        <OrgRoleChart sim={sim} metric="meanWaitDays" />
        <OrgRoleChart sim={sim} metric="utilization" />
      </SimpleGrid>
      <OrgRoleTable sim={sim} />
    </Stack>
  );
}
