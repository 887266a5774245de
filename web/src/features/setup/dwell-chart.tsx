import { Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import type { StageDefinition } from './api.ts';
import { stageLabel } from './stage-table.tsx';

/** How long each SLA stage may hold a record, and the business hours its hand-off allows. */
export function DwellChart({ stages }: { stages: StageDefinition[] }) {
  const { t, i18n } = useTranslation();
  const sla = stages.filter((s) => s.type === 'sla' || s.handoff);
  if (sla.length === 0) return null;
  const names = sla.map((s) => stageLabel(s, i18n.language));
  const title = t('setup.stages.dwellChart');
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Chart
        label={title}
        height={60 + sla.length * 44}
        option={{
          grid: { left: 140, right: 40, top: 30, bottom: 24 },
          legend: { top: 0 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: names, inverse: true },
          series: [
            {
              name: t('setup.stages.columns.maxDwell'),
              type: 'bar',
              data: sla.map((s) => s.maxDwellHours ?? null),
              label: { show: true, position: 'right' },
            },
            {
              name: t('setup.stages.columns.handoff'),
              type: 'bar',
              data: sla.map((s) => s.handoff?.slaBusinessHours ?? null),
              label: { show: true, position: 'right' },
            },
          ],
        }}
      />
    </Paper>
  );
}
