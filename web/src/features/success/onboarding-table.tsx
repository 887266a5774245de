import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import type { CustomerRow } from './api.ts';
import { OnboardingProgress } from './onboarding-progress.tsx';

const DAY = 86_400_000;

/** Accounts in onboarding: who onboards them, since when, checklist progress and first value. */
export function OnboardingTable({
  rows,
  sort,
  onSort,
  onOpen,
}: {
  rows: CustomerRow[];
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (row: CustomerRow) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const none = t('common.none');
  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="onboarding-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              {t('success.columns.account')}
            </SortableTh>
            <Table.Th>{t('success.columns.plan')}</Table.Th>
            <SortableTh field="onboardingStartedAt" sort={sort} onSort={onSort}>
              {t('success.columns.started')}
            </SortableTh>
            <Table.Th>{t('success.columns.progress')}</Table.Th>
            <Table.Th>{t('success.columns.firstValue')}</Table.Th>
            <SortableTh field="mrr" sort={sort} onSort={onSort} align="right">
              {t('success.columns.mrr')}
            </SortableTh>
            <Table.Th>{t('success.team.onb')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-testid="onboarding-row">
              <Table.Td fw={500}>
                <Anchor component="button" type="button" fz="sm" ta="left" onClick={() => onOpen(row)}>
                  {row.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{row.onboardingPlan ?? none}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {row.onboardingStartedAt ? (
                  <>
                    {fmt.date(row.onboardingStartedAt)}
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t('success.onboarding.dayN', {
                        day: Math.max(
                          1,
                          Math.ceil((now - new Date(row.onboardingStartedAt).getTime()) / DAY),
                        ),
                      })}
                    </Text>
                  </>
                ) : (
                  none
                )}
              </Table.Td>
              <Table.Td>
                <OnboardingProgress
                  done={row.onboardingDone}
                  total={row.onboardingTotal}
                  testId="row-progress"
                />
              </Table.Td>
              <Table.Td>
                {row.firstValueAt ? (
                  <Badge color="teal" variant="light">
                    {fmt.date(row.firstValueAt)}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('success.onboarding.notYet')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="num">{fmt.money(row.mrr)}</Table.Td>
              <Table.Td>{row.onbName ?? none}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
