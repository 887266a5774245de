import { NumberInput, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrgSegment, OrgSimInput } from './api.ts';
import { usePlanFormat } from './plan-format.ts';
import { useTyping } from './use-typing.ts';

type Column = { key: keyof Omit<OrgSegment, 'key'>; percent?: boolean; money?: boolean; decimals: number };

const COLUMNS: Column[] = [
  { key: 'mqlsPerDay', decimals: 2 },
  { key: 'sqlRate', percent: true, decimals: 1 },
  { key: 'winRate', percent: true, decimals: 1 },
  { key: 'mrrPerWin', money: true, decimals: 0 },
  { key: 'isHours', decimals: 1 },
  { key: 'aeDays', decimals: 1 },
  { key: 'onbDays', decimals: 1 },
  { key: 'unfamiliarPenalty', percent: true, decimals: 1 },
];

/** A segment's name in the user's language when Baton made it, else its key. */
export function useSegmentName() {
  const { t, i18n } = useTranslation();
  return (key: string) =>
    i18n.exists(`planning.orgSim.segmentNames.${key}`)
      ? t(`planning.orgSim.segmentNames.${key}` as never)
      : key;
}

/** Demand and mix (MQLs a day per segment, with its share) and each segment's economics. */
export function SegmentTable({
  input,
  onChange,
  errors,
}: {
  input: OrgSimInput;
  onChange: (input: OrgSimInput) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const segmentName = useSegmentName();
  const total = input.segments.reduce((s, x) => s + (Number.isFinite(x.mqlsPerDay) ? x.mqlsPerDay : 0), 0);
  const typing = useTyping();
  const set = (i: number, col: Column, n: number) => {
    const value = col.percent ? n / 100 : n;
    onChange({
      ...input,
      segments: input.segments.map((s, j) => (j === i ? { ...s, [col.key]: value } : s)),
    });
  };
  const shown = (col: Column, v: number) =>
    Number.isFinite(v)
      ? Math.round((col.percent ? v * 100 : v) * 10 ** col.decimals) / 10 ** col.decimals
      : '';

  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table verticalSpacing={4} data-testid="segment-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('planning.orgSim.segment')}</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th key={c.key} style={{ textAlign: 'right' }}>
                {t(`planning.orgSim.columns.${c.key}`)}
              </Table.Th>
            ))}
            <Table.Th style={{ textAlign: 'right' }}>{t('planning.orgSim.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {input.segments.map((s, i) => (
            <Table.Tr key={s.key}>
              <Table.Td fw={500}>{segmentName(s.key)}</Table.Td>
              {COLUMNS.map((c) => (
                <Table.Td key={c.key}>
                  <NumberInput
                    size="xs"
                    hideControls
                    clampBehavior="none"
                    aria-label={`${segmentName(s.key)}: ${t(`planning.orgSim.columns.${c.key}`)}`}
                    decimalScale={c.decimals}
                    suffix={c.percent ? ' %' : undefined}
                    prefix={c.money ? fmt.currencySymbol : undefined}
                    thousandSeparator={c.money ? ',' : undefined}
                    value={typing.value(`${i}.${c.key}`, shown(c, s[c.key]))}
                    onChange={(v) => typing.change(`${i}.${c.key}`, v, (n) => set(i, c, n))}
                    error={errors[`input.segments.${i}.${c.key}`]}
                    styles={{ input: { textAlign: 'right' } }}
                  />
                </Table.Td>
              ))}
              <Table.Td className="num">
                {total > 0 ? fmt.percent(s.mqlsPerDay / total) : t('common.none')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>{t('planning.orgSim.totalDemand')}</Table.Th>
            <Table.Th className="num" data-testid="total-demand">
              {fmt.decimal(total)}
            </Table.Th>
            <Table.Th colSpan={COLUMNS.length}>
              <Text size="xs" c="dimmed" fw={400}>
                {t('planning.orgSim.demandHint', { perMonth: fmt.volume(total * 30.44) })}
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
