import { Group, Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { BAND_FILTERS, type RenewalMonth } from './api.ts';
import { BAND_HEX } from './health-badge.tsx';
import { monthLabel } from './month-label.ts';

/** MRR renewing in a month split by health band, as a thin bar: how much of it is at risk. */
function BandBar({ month }: { month: RenewalMonth }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (month.mrr === 0)
    return <div style={{ height: 8, borderRadius: 4, background: 'var(--mantine-color-gray-1)' }} />;
  return (
    <div style={{ display: 'flex', height: 8, borderRadius: 4, overflow: 'hidden' }}>
      {BAND_FILTERS.filter((b) => month.bands[b].mrr > 0).map((b) => (
        <div
          key={b}
          title={`${t(`success.bands.${b}`)}: ${fmt.money(month.bands[b].mrr)}`}
          style={{ width: `${(month.bands[b].mrr / month.mrr) * 100}%`, background: BAND_HEX[b] }}
        />
      ))}
    </div>
  );
}

/** Twelve months of renewals as a calendar grid; a month opens its renewals below. */
export function RenewalCalendar({
  months,
  selected,
  onSelect,
}: {
  months: RenewalMonth[];
  selected: string | null;
  onSelect: (month: string | null) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="renewal-calendar">
      {months.map((m) => {
        const active = selected === m.month;
        const atRisk = m.bands.red.renewals;
        return (
          <UnstyledButton
            key={m.month}
            onClick={() => onSelect(active ? null : m.month)}
            aria-pressed={active}
            data-testid={`month-${m.month}`}
          >
            <Paper
              withBorder
              p="sm"
              radius="md"
              style={{
                borderColor: active ? 'var(--mantine-color-indigo-5)' : undefined,
                background: active ? 'var(--mantine-color-indigo-0)' : undefined,
              }}
            >
              <Text size="sm" fw={700}>
                {monthLabel(fmt.locale, m.month)}
              </Text>
              <Group justify="space-between" gap={4} mt={4} wrap="nowrap">
                <Text size="xs" c="dimmed">
                  {t('success.renewals.count', { n: fmt.number(m.renewals) })}
                </Text>
                {atRisk > 0 ? (
                  <Text size="xs" c="red" fw={600}>
                    {t('success.renewals.atRisk', { n: fmt.number(atRisk) })}
                  </Text>
                ) : null}
              </Group>
              <Text size="sm" className="num" ta="left" my={4}>
                {fmt.money(m.mrr)}
              </Text>
              <BandBar month={m} />
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
