import { Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { StageDefinition, StagePeriod } from './api.ts';
import { useDuration } from './duration.ts';

/** The period view per stage: balance at the end, in-flow, out-flow (by destination on hover), conversion, velocity. */
export function PeriodTable({
  stages,
  rows,
  label,
}: {
  stages: StageDefinition[];
  rows: Record<string, StagePeriod>;
  label: (key: string) => string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const duration = useDuration();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" striped data-testid="funnel-table" data-view="period">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cockpit.funnel.stage')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.balance')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.inflow')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.outflow')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.conversion')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.median')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.p90')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stages.map((s) => {
            const r = rows[s.key];
            if (!r) return null;
            const out = Object.entries(r.outflow).sort((a, b) => b[1] - a[1]);
            const exits = out.reduce((sum, [, n]) => sum + n, 0);
            return (
              <Table.Tr key={s.key} data-testid={`funnel-row-${s.key}`}>
                <Table.Td>
                  <Text
                    size="sm"
                    fw={s.path === 'success' ? 500 : 400}
                    c={s.path === 'success' ? undefined : 'dimmed'}
                  >
                    {label(s.key)}
                  </Text>
                </Table.Td>
                <Table.Td className="num">{fmt.number(r.balance)}</Table.Td>
                <Table.Td className="num" data-testid="inflow">
                  {fmt.number(r.inflow)}
                </Table.Td>
                <Table.Td className="num">
                  {out.length === 0 ? (
                    fmt.number(0)
                  ) : (
                    <Tooltip
                      withArrow
                      multiline
                      label={out.map(([to, n]) => `${label(to)}: ${fmt.number(n)}`).join(' / ')}
                    >
                      <Text span size="sm" td="underline dotted" tabIndex={0}>
                        {fmt.number(exits)}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td className="num">
                  {r.conversion === null ? t('common.none') : fmt.percent(r.conversion)}
                </Table.Td>
                <Table.Td className="num">{duration(r.velocity.medianHours)}</Table.Td>
                <Table.Td className="num">{duration(r.velocity.p90Hours)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The cohort view: of the records that entered in the period, how many reached each stage (or a later one). */
export function CohortTable({
  path,
  reached,
  conversion,
  label,
}: {
  path: string[];
  reached: Record<string, number>;
  conversion: Record<string, number | null>;
  label: (key: string) => string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const first = reached[path[0] ?? ''] ?? 0;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" striped data-testid="funnel-table" data-view="cohort">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cockpit.funnel.stage')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.reached')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.ofCohort')}</Table.Th>
            <Table.Th ta="right">{t('cockpit.funnel.toNext')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {path.map((k, i) => {
            const rate = i + 1 < path.length ? conversion[`${k}->${path[i + 1]}`] : undefined;
            return (
              <Table.Tr key={k} data-testid={`funnel-row-${k}`}>
                <Table.Td fw={500}>{label(k)}</Table.Td>
                <Table.Td className="num" data-testid="reached">
                  {fmt.number(reached[k] ?? 0)}
                </Table.Td>
                <Table.Td className="num">
                  {first > 0 ? fmt.percent((reached[k] ?? 0) / first) : t('common.none')}
                </Table.Td>
                <Table.Td className="num">
                  {rate === undefined || rate === null ? t('common.none') : fmt.percent(rate)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
