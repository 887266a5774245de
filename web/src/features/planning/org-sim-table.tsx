import { Paper, Table, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRoleStats, OrgSim } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

const COLUMNS = [
  'servers',
  'arrivals',
  'completed',
  'utilization',
  'meanQueue',
  'maxQueue',
  'endQueue',
  'meanWaitDays',
  'p90WaitDays',
  'slaBreaches',
] as const satisfies readonly (keyof OrgRoleStats)[];

/** Every role's numbers in both models, the jammed role marked. */
export function OrgRoleTable({ sim }: { sim: OrgSim }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const cell = (r: OrgRoleStats, c: (typeof COLUMNS)[number]) =>
    c === 'utilization'
      ? fmt.percent(r[c])
      : c === 'meanQueue' || c === 'meanWaitDays' || c === 'p90WaitDays'
        ? fmt.decimal(r[c])
        : fmt.number(r[c]);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm">
        {t('planning.orgSim.tableTitle')}
      </Title>
      <Table.ScrollContainer minWidth={960}>
        <Table verticalSpacing={4} data-testid="org-role-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('planning.capacity.role')}</Table.Th>
              {COLUMNS.map((c) => (
                <Table.Th key={c} style={{ textAlign: 'right' }}>
                  {t(`planning.orgSim.roleColumns.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[sim.assemblyLine, sim.pods].map((m) => (
              <Fragment key={m.model}>
                <Table.Tr bg="gray.1">
                  <Table.Th colSpan={COLUMNS.length + 1}>{t(`planning.orgSim.models.${m.model}`)}</Table.Th>
                </Table.Tr>
                {m.roles.map((r) => (
                  <Table.Tr key={r.role} bg={m.jam === r.role ? 'orange.0' : undefined}>
                    <Table.Td fw={m.jam === r.role ? 700 : 500}>
                      {t(`planning.roles.${r.role}`)}
                      {m.jam === r.role ? ` — ${t('planning.orgSim.jamBadge')}` : ''}
                    </Table.Td>
                    {COLUMNS.map((c) => (
                      <Table.Td key={c} className="num">
                        {cell(r, c)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
