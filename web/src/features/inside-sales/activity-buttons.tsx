import { Button, Group, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActivityOutcome, ActivityType, QueueItem } from './api.ts';
import { OUTCOMES_BY_TYPE } from './api.ts';

export type PickedOutcome = ActivityOutcome | 'not_ready';

const OUTCOME_COLORS: Partial<Record<PickedOutcome, string>> = {
  appointment_set: 'teal',
  not_interested: 'red',
  wrong_contact: 'red',
  bounced: 'red',
};

/**
 * One button per touch type; its menu lists the outcomes, and picking one logs the touch
 * at once. A note asks for its text first.
 */
export function ActivityButtons({
  item,
  lead,
  pending,
  onPick,
  onNote,
}: {
  item: QueueItem;
  lead: string;
  pending: boolean;
  onPick: (item: QueueItem, type: Exclude<ActivityType, 'note'>, outcome: PickedOutcome) => void;
  onNote: (item: QueueItem) => void;
}) {
  const { t } = useTranslation();
  const types = Object.keys(OUTCOMES_BY_TYPE) as Exclude<ActivityType, 'note'>[];
  return (
    <Group gap={4} wrap="nowrap">
      {types.map((type) => (
        <Menu key={type} position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <Button
              size="compact-xs"
              variant="light"
              disabled={pending}
              aria-label={t('insideSales.activity.menuLabel', {
                type: t(`insideSales.activity.types.${type}`),
                lead,
              })}
              data-testid={`log-${type}`}
            >
              {t(`insideSales.activity.types.${type}`)}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t(`insideSales.activity.types.${type}`)}</Menu.Label>
            {OUTCOMES_BY_TYPE[type].map((outcome) => (
              <Menu.Item
                key={outcome}
                color={OUTCOME_COLORS[outcome]}
                onClick={() => onPick(item, type, outcome)}
                data-testid={`outcome-${outcome}`}
              >
                {t(`insideSales.activity.outcomes.${outcome}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        disabled={pending}
        onClick={() => onNote(item)}
        aria-label={`${t('insideSales.activity.types.note')}: ${lead}`}
        data-testid="log-note"
      >
        {t('insideSales.activity.types.note')}
      </Button>
    </Group>
  );
}
