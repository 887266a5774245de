import { Alert, Badge, Grid, Paper, Table, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { type ReversePlan, ROLES, type Role, type RoleNeed } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

/** Each role's busiest month: the people it needs then, against today's headcount. */
export function peakNeeds(
  plan: ReversePlan,
): { role: Role; peak: RoleNeed | undefined; headcount: number }[] {
  return ROLES.map((role) => {
    const needs = plan.capacity.needs.filter((n) => n.role === role);
    const peak = needs.reduce<RoleNeed | undefined>((a, n) => (!a || n.needed > a.needed ? n : a), undefined);
    return { role, peak, headcount: plan.assumptions.capacity[role].headcount };
  });
}

/** Headcount per role the plan needs vs today, the gap, and the binding constraint named. */
export function CapacitySection({ plan }: { plan: ReversePlan }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const rows = useMemo(() => peakNeeds(plan), [plan]);
  const binding = rows.find((r) => r.role === plan.capacity.binding);
  const option = useMemo(
    (): EChartsCoreOption => ({
      color: ['#adb5bd', '#4c6ef5'],
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.number(v) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => t(`planning.roles.${r.role}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('planning.capacity.today'),
          data: rows.map((r) => r.headcount),
          label: { show: true, position: 'top' },
        },
        {
          type: 'bar',
          name: t('planning.capacity.needed'),
          data: rows.map((r) => r.peak?.neededHeadcount ?? 0),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [rows, fmt, t],
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="capacity-title">
      <Title order={2} size="h4" id="capacity-title" mb="sm">
        {t('planning.capacity.title')}
      </Title>
      <Alert
        color={binding ? 'orange' : 'teal'}
        variant="light"
        mb="md"
        title={
          binding
            ? t('planning.capacity.binding', { role: t(`planning.roles.${binding.role}`) })
            : t('planning.capacity.noBinding')
        }
        data-testid="binding-constraint"
      >
        {binding?.peak
          ? t('planning.capacity.bindingDetail', {
              month: fmt.month(binding.peak.month),
              needed: fmt.number(binding.peak.neededHeadcount),
              headcount: fmt.number(binding.headcount),
              gap: fmt.number(binding.peak.gap),
              utilization:
                binding.peak.utilization === null ? t('common.none') : fmt.percent(binding.peak.utilization),
            })
          : t('planning.capacity.noBindingDetail')}
      </Alert>
      <Grid>
        <Grid.Col span={{ base: 12, xl: 7 }}>
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="xs" data-testid="capacity-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('planning.capacity.role')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('planning.capacity.today')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('planning.capacity.needed')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('planning.capacity.gap')}</Table.Th>
                  <Table.Th>{t('planning.capacity.peakMonth')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('planning.capacity.load')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ role, peak, headcount }) => (
                  <Table.Tr key={role} data-testid={`capacity-${role}`}>
                    <Table.Td fw={500}>
                      {t(`planning.roles.${role}`)}
                      {role === plan.capacity.binding ? (
                        <Badge ml={6} size="xs" color="orange" variant="light">
                          {t('planning.capacity.bindingBadge')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td className="num">{fmt.number(headcount)}</Table.Td>
                    <Table.Td className="num">
                      {peak ? fmt.number(peak.neededHeadcount) : t('common.none')}
                    </Table.Td>
                    <Table.Td className="num">
                      <Text span c={peak && peak.gap > 0 ? 'red' : 'teal'} fw={600} size="sm">
                        {peak ? fmt.signed(peak.gap) : t('common.none')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{peak ? fmt.month(peak.month) : t('common.none')}</Table.Td>
                    <Table.Td className="num">
                      {peak?.utilization == null ? t('common.none') : fmt.percent(peak.utilization)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" mt={4}>
            {t('planning.capacity.hint')}
          </Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 5 }}>
          <Chart option={option} height={220} label={t('planning.capacity.chartLabel')} />
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
