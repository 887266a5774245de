import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/format.ts';
import { type Card, laterPhases, type Phase } from './api.ts';
import { useLabels } from './labels.ts';

const DAY = 86_400_000;

/** Whole days since `iso` (the board's "days in phase"). */
export const daysSince = (iso: string, now = Date.now()) =>
  Math.max(0, Math.floor((now - Date.parse(iso)) / DAY));

/** Today as YYYY-MM-DD in the workspace's time zone, to compare with close dates. */
export const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

/** The actions menu of a deal: each later phase, won, lost, and its page (keyboard reachable). */
export function MoveMenu({
  card,
  onMove,
  busy,
  label,
}: {
  card: Pick<Card, 'id' | 'name' | 'phase'>;
  onMove: (to: Phase) => void;
  busy?: boolean;
  /** A visible label (the opportunity page); a compact icon button otherwise (cards). */
  label?: string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {label ? (
          <Button
            variant="default"
            loading={busy}
            aria-label={t('fieldSales.card.actions', { name: card.name })}
          >
            {label}
          </Button>
        ) : (
          <ActionIcon
            variant="subtle"
            color="gray"
            loading={busy}
            aria-label={t('fieldSales.card.actions', { name: card.name })}
          >
            <span aria-hidden>⋯</span>
          </ActionIcon>
        )}
      </Menu.Target>
      <Menu.Dropdown>
        {laterPhases(card.phase).map((phase) => (
          <Menu.Item key={phase} onClick={() => onMove(phase)}>
            {t('fieldSales.card.moveTo', { phase: labels.phase(phase) })}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="teal" onClick={() => onMove('won')}>
          {t('fieldSales.card.markWon')}
        </Menu.Item>
        <Menu.Item color="red" onClick={() => onMove('lost')}>
          {t('fieldSales.card.markLost')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** A deal on the board; drag it to a later column, or use its menu. */
export function OpportunityCard({
  card,
  norm,
  today,
  busy,
  onMove,
  onDragStart,
  onDragEnd,
}: {
  card: Card;
  norm: number | undefined;
  today: string;
  busy: boolean;
  onMove: (to: Phase) => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const days = daysSince(card.phaseEnteredAt);
  const overNorm = norm !== undefined && days > norm;
  const late = card.closeDate !== null && card.closeDate < today;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', card.id);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      style={{ cursor: 'grab', opacity: busy ? 0.6 : 1 }}
      data-testid={`card-${card.id}`}
      aria-busy={busy}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Anchor
            component={Link}
            to={`/field-sales/opportunities/${card.id}`}
            fw={600}
            size="sm"
            lineClamp={2}
          >
            {card.name}
          </Anchor>
          <MoveMenu card={card} onMove={onMove} busy={busy} />
        </Group>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {card.accountName}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600} className="num">
            {fmt.money(card.amountMrr)}
          </Text>
          <Text
            size="xs"
            c={late ? 'red' : 'dimmed'}
            title={late ? t('fieldSales.card.closeDatePassed') : t('fieldSales.card.closeDate')}
          >
            {card.closeDate ? fmt.calendarDate(card.closeDate) : t('common.none')}
          </Text>
        </Group>
        <Text size="xs" lineClamp={2} c={card.nextStep ? undefined : 'orange'}>
          {card.nextStep
            ? `${t('fieldSales.card.nextStep')}: ${card.nextStep}`
            : t('fieldSales.card.noNextStep')}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {card.ownerName ?? t('fieldSales.card.unowned')}
          </Text>
          <Badge
            tt="none"
            size="xs"
            variant="light"
            color={overNorm ? 'orange' : 'gray'}
            title={overNorm ? t('fieldSales.card.overNorm', { norm }) : undefined}
          >
            {t('fieldSales.card.daysInPhase', { days })}
          </Badge>
        </Group>
      </Stack>
    </Paper>
  );
}
