import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ActionsTh } from '../../app/table-parts.tsx';
import type { SuccessTask } from './api.ts';
import { HealthBadge } from './health-badge.tsx';
import { CompleteTaskButton } from './task-actions.tsx';
import { TaskKindBadge } from './task-kind-badge.tsx';
import { useTaskTitle } from './task-title.ts';

/** Customer Success tasks: what, for which account (and its health now), due when, for whom. */
export function CsTaskTable({
  rows,
  sort,
  onSort,
  onOpen,
  showKind,
}: {
  rows: SuccessTask[];
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (account: { id: string; name: string }) => void;
  showKind: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = useTaskTitle();
  const none = t('common.none');
  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="cs-tasks-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="dueAt" sort={sort} onSort={onSort}>
              {t('success.columns.due')}
            </SortableTh>
            {showKind ? <Table.Th>{t('success.columns.kind')}</Table.Th> : null}
            <Table.Th>{t('success.columns.account')}</Table.Th>
            <Table.Th>{t('success.columns.task')}</Table.Th>
            <Table.Th>{t('success.columns.healthNow')}</Table.Th>
            <Table.Th>{t('success.columns.assignee')}</Table.Th>
            <SortableTh field="createdAt" sort={sort} onSort={onSort}>
              {t('success.columns.opened')}
            </SortableTh>
            <ActionsTh label={t('success.tasks.complete')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((task) => {
            const overdue =
              task.status === 'open' && task.dueAt !== null && new Date(task.dueAt).getTime() < now;
            return (
              <Table.Tr key={task.id} data-testid="cs-task-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" c={overdue ? 'red' : undefined}>
                    {task.dueAt ? fmt.date(task.dueAt) : none}
                  </Text>
                  {overdue ? (
                    <Badge color="red" variant="light" size="xs">
                      {t('success.tasks.overdue')}
                    </Badge>
                  ) : null}
                </Table.Td>
                {showKind ? (
                  <Table.Td>
                    <TaskKindBadge kind={task.kind} />
                  </Table.Td>
                ) : null}
                <Table.Td fw={500}>
                  {task.accountId && task.accountName ? (
                    <Anchor
                      component="button"
                      type="button"
                      fz="sm"
                      ta="left"
                      onClick={() => onOpen({ id: task.accountId!, name: task.accountName! })}
                    >
                      {task.accountName}
                    </Anchor>
                  ) : (
                    none
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{title(task)}</Text>
                </Table.Td>
                <Table.Td>
                  <HealthBadge band={task.healthBand} score={task.healthScore} />
                </Table.Td>
                <Table.Td>{task.assigneeName ?? none}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(task.createdAt)}</Table.Td>
                <Table.Td>
                  {task.status === 'open' ? (
                    <CompleteTaskButton task={task} label={title(task)} />
                  ) : (
                    <Text size="xs" c="dimmed">
                      {task.completedAt
                        ? t('success.tasks.closedOn', { date: fmt.date(task.completedAt) })
                        : t(`success.tasks.statuses.${task.status}`)}
                    </Text>
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
