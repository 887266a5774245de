import { Anchor, Badge, Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StageBadge } from '../people/stage-badge.tsx';
import { ActivityButtons } from './activity-buttons.tsx';
import type { QueueItem } from './api.ts';
import { LastTouch } from './last-touch.tsx';
import type { QueueHandlers } from './queue-table.tsx';
import { SlaTimer } from './sla-timer.tsx';

const REASON_COLORS: Record<QueueItem['reason'], string> = {
  handoff: 'indigo',
  working: 'green',
  recycled_due: 'orange',
  follow_up: 'cyan',
  cadence_task: 'grape',
};

/** One lead of the queue: who, why, score, the live SLA, the last touch and the buttons to log the next. */
export function QueueRow({
  item,
  rank,
  lead,
  now,
  readOnly,
  pending,
  handlers,
}: {
  item: QueueItem;
  rank: number;
  lead: string;
  now: number;
  readOnly: boolean;
  pending: boolean;
  handlers: QueueHandlers;
}) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="queue-row" data-person-id={item.personId}>
      <Table.Td className="num">{rank}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Anchor component={Link} to={`/marketing/leads/${item.personId}`} fw={600} size="sm">
            {lead}
          </Anchor>
          {item.accountId && item.accountName ? (
            <Anchor component={Link} to={`/accounts/${item.accountId}`} size="xs" c="dimmed">
              {item.accountName}
            </Anchor>
          ) : (
            <Text size="xs" c="dimmed">
              {item.email}
            </Text>
          )}
          <Group gap={6}>
            <StageBadge stage={item.stage} />
            <Group gap={4} wrap="nowrap" data-testid="queue-reason">
              <Box
                w={8}
                h={8}
                bg={`${REASON_COLORS[item.reason]}.6`}
                style={{ borderRadius: 4, flexShrink: 0 }}
              />
              <Text size="xs" fw={600} c={`${REASON_COLORS[item.reason]}.8`}>
                {t(`insideSales.reasons.${item.reason}`)}
              </Text>
            </Group>
          </Group>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" className="num" fw={600}>
            {item.score ?? t('common.none')}
          </Text>
          {item.grade ? (
            <Badge size="sm" variant="outline" color="gray">
              {item.grade}
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <SlaTimer dueAt={item.slaDueAt} now={now} />
      </Table.Td>
      <Table.Td>
        <LastTouch item={item} />
      </Table.Td>
      {readOnly ? null : (
        <Table.Td>
          <Stack gap={4}>
            <ActivityButtons
              item={item}
              lead={lead}
              pending={pending}
              onPick={handlers.onPick}
              onNote={handlers.onNote}
            />
            <Group gap={4} wrap="nowrap">
              {item.stage === 'mql' || item.stage === 'sal' ? (
                <Button
                  size="compact-xs"
                  color="teal"
                  variant="outline"
                  onClick={() => handlers.onSql(item)}
                  data-testid="open-sql"
                >
                  {t('insideSales.sqlDialog.openSql')}
                </Button>
              ) : null}
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                onClick={() => handlers.onFollowUp(item)}
              >
                {t('insideSales.followUp.open')}
              </Button>
            </Group>
          </Stack>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
