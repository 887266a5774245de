import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ActionsTh, EditButton } from '../../app/table-parts.tsx';
import type { Cadence } from './api.ts';

/** A cadence's steps at a glance: day and channel of each, in order. */
function StepStrip({ cadence }: { cadence: Cadence }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} aria-label={t('insideSales.cadences.stepsOf', { name: cadence.name })}>
      {cadence.steps.map((s, i) => (
        // A step is its position in the cadence.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Tooltip key={i} label={s.instructions} multiline w={260} withArrow>
          <Badge variant="light" color="gray" size="sm" tabIndex={0}>
            {t('insideSales.cadences.dayN', { n: s.dayOffset })}{' '}
            {t(`insideSales.cadences.channels.${s.channel}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** Cadences with their steps; enrol a lead in an active one, edit when allowed. */
export function CadenceTable({
  items,
  sort,
  onSort,
  canEdit,
  onEdit,
  onEnrol,
}: {
  items: Cadence[];
  sort: string;
  onSort: (sort: string) => void;
  canEdit: boolean;
  onEdit: (c: Cadence) => void;
  onEnrol: (c: Cadence) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="cadences-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              {t('insideSales.cadences.name')}
            </SortableTh>
            <Table.Th>{t('insideSales.cadences.status')}</Table.Th>
            <Table.Th>{t('insideSales.cadences.steps')}</Table.Th>
            <SortableTh field="createdAt" sort={sort} onSort={onSort}>
              {t('insideSales.cadences.createdAt')}
            </SortableTh>
            <ActionsTh />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => {
            const span = c.steps.at(-1)?.dayOffset ?? 0;
            return (
              <Table.Tr key={c.id} data-testid="cadence-row">
                <Table.Td>
                  <Text fw={600} size="sm">
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('insideSales.cadences.stepCount', { count: c.steps.length })} ·{' '}
                    {t('insideSales.cadences.span', { days: span })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={c.status === 'active' ? 'teal' : 'gray'}>
                    {t(`insideSales.cadences.statuses.${c.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <StepStrip cadence={c} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(c.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Tooltip
                      label={t('insideSales.cadences.archivedNoEnrol')}
                      disabled={c.status === 'active'}
                    >
                      <Button
                        size="compact-sm"
                        variant="light"
                        disabled={c.status !== 'active'}
                        onClick={() => onEnrol(c)}
                        aria-label={`${t('insideSales.cadences.enrol')}: ${c.name}`}
                      >
                        {t('insideSales.cadences.enrol')}
                      </Button>
                    </Tooltip>
                    {canEdit ? <EditButton name={c.name} onClick={() => onEdit(c)} /> : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
