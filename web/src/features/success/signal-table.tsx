import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import type { ExpansionSignal } from './api.ts';
import { HealthBadge } from './health-badge.tsx';

/** Usage per window, oldest first, and the growth from the first window to the last. */
function UsageGrowth({ signal }: { signal: ExpansionSignal }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const usage = signal.evidence.usageByWindow ?? [];
  if (usage.length === 0) return <Text size="sm">{t('common.none')}</Text>;
  const first = usage[0]!;
  const last = usage.at(-1)!;
  return (
    <>
      <Text size="sm" className="num" ta="left">
        {usage.map((n) => fmt.number(n)).join(' → ')}
      </Text>
      <Text size="xs" c="dimmed">
        {first > 0 ? t('success.signals.growth', { rate: fmt.percent(last / first - 1) }) : ''}
        {signal.evidence.windowDays
          ? ` ${t('success.signals.perWindow', { days: signal.evidence.windowDays })}`
          : ''}
      </Text>
    </>
  );
}

/** Expansion signals: the account, the usage that grew, health, team, and what was decided. */
export function SignalTable({
  rows,
  sort,
  onSort,
  onOpen,
  onAccept,
  onDismiss,
}: {
  rows: ExpansionSignal[];
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (account: { id: string; name: string }) => void;
  onAccept: (signal: ExpansionSignal) => void;
  onDismiss: (signal: ExpansionSignal) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="signals-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="detectedAt" sort={sort} onSort={onSort}>
              {t('success.columns.detected')}
            </SortableTh>
            <Table.Th>{t('success.columns.account')}</Table.Th>
            <Table.Th>{t('success.columns.usage')}</Table.Th>
            <Table.Th>{t('success.columns.healthNow')}</Table.Th>
            <Table.Th>{t('success.team.am')}</Table.Th>
            <Table.Th>{t('success.team.csm')}</Table.Th>
            <Table.Th>{t('success.columns.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => {
            const name = s.accountName ?? none;
            return (
              <Table.Tr key={s.id} data-testid="signal-row" data-signal-id={s.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(s.detectedAt)}</Table.Td>
                <Table.Td fw={500}>
                  <Anchor
                    component="button"
                    type="button"
                    fz="sm"
                    ta="left"
                    onClick={() => onOpen({ id: s.accountId, name })}
                  >
                    {name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <UsageGrowth signal={s} />
                </Table.Td>
                <Table.Td>
                  <HealthBadge band={s.healthBand} score={s.healthScore} />
                </Table.Td>
                <Table.Td>{s.amName ?? none}</Table.Td>
                <Table.Td>{s.csmName ?? none}</Table.Td>
                <Table.Td>
                  {s.status === 'open' ? (
                    <Group gap={6} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        onClick={() => onAccept(s)}
                        aria-label={`${t('success.signals.accept')}: ${name}`}
                      >
                        {t('success.signals.accept')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => onDismiss(s)}
                        aria-label={`${t('success.signals.dismiss')}: ${name}`}
                      >
                        {t('success.signals.dismiss')}
                      </Button>
                    </Group>
                  ) : (
                    <>
                      <Badge variant="light" color={s.status === 'accepted' ? 'grape' : 'gray'}>
                        {t(`success.signals.statuses.${s.status}`)}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {s.respondedAt ? fmt.date(s.respondedAt) : ''}
                        {s.dismissReason ? ` · ${s.dismissReason}` : ''}
                      </Text>
                      {s.opportunityId ? (
                        <Anchor
                          component={Link}
                          to={`/field-sales/opportunities/${s.opportunityId}`}
                          size="xs"
                        >
                          {t('success.signals.openDeal')}
                        </Anchor>
                      ) : null}
                    </>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
