import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import { GRADES, type ScoringPreview } from './api.ts';

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: string;
  color?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId} className="num">
        {value}
      </Text>
    </Paper>
  );
}

/** How many people the proposed rules would move, before anything is saved. */
export function ScoringPreviewPanel({ preview }: { preview: ScoringPreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const people = (n: number) => t('setup.scoring.people', { count: n, formatted: fmt.number(n) });
  const nothing = preview.gradeChanges === 0 && preview.newlyCrossing === 0 && preview.stopCrossing === 0;
  const chartTitle = t('setup.scoring.gradeChart');
  return (
    <Paper withBorder p="md" radius="md" data-testid="scoring-preview" aria-live="polite">
      <Title order={2} size="h4" mb="sm">
        {t('setup.scoring.previewTitle', {
          people: fmt.number(preview.people),
          date: fmt.dateTime(preview.asOf),
        })}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        <Stat
          label={t('setup.scoring.newlyCrossing')}
          value={fmt.number(preview.newlyCrossing)}
          color="teal"
          testId="preview-newly"
        />
        <Stat
          label={t('setup.scoring.stopCrossing')}
          value={fmt.number(preview.stopCrossing)}
          color="orange"
          testId="preview-stop"
        />
        <Stat
          label={t('setup.scoring.wouldPromote')}
          value={fmt.number(preview.wouldPromote)}
          testId="preview-promote"
        />
        <Stat
          label={t('setup.scoring.gradeChanges')}
          value={fmt.number(preview.gradeChanges)}
          testId="preview-grades"
        />
      </SimpleGrid>
      <Text size="sm" mb="sm">
        {t('setup.scoring.meeting', {
          before: fmt.number(preview.meetingBefore),
          after: fmt.number(preview.meetingAfter),
        })}
      </Text>
      {nothing ? (
        <Text size="sm" c="dimmed">
          {t('setup.scoring.noChanges')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Chart
          label={chartTitle}
          height={240}
          option={{
            title: { text: chartTitle, left: 0, textStyle: { fontSize: 13 } },
            legend: { top: 28, left: 0 },
            tooltip: { trigger: 'axis' },
            grid: { left: 48, right: 16, top: 60, bottom: 24 },
            xAxis: { type: 'category', data: [...GRADES] },
            yAxis: { type: 'value' },
            series: [
              {
                name: t('setup.scoring.current'),
                type: 'bar',
                data: GRADES.map((g) => preview.gradesBefore[g]),
              },
              {
                name: t('setup.scoring.proposed'),
                type: 'bar',
                data: GRADES.map((g) => preview.gradesAfter[g]),
              },
            ],
          }}
        />
        {preview.gradeMoves.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('setup.scoring.gradeMoves')}
            </Text>
            <Table verticalSpacing={4} data-testid="grade-moves">
              <Table.Tbody>
                {preview.gradeMoves.map((m) => (
                  <Table.Tr key={`${m.from}${m.to}`}>
                    <Table.Td>{t('setup.scoring.moveRow', { from: m.from, to: m.to })}</Table.Td>
                    <Table.Td className="num">{people(m.people)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : null}
      </SimpleGrid>
    </Paper>
  );
}
