import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { AffectedItems } from './affected-items.tsx';
import type { Finding } from './api.ts';
import { FindingEvidence } from './finding-evidence.tsx';
import { useFindingText, useRoleName } from './finding-text.ts';
import { KindBadge } from './kind-badge.tsx';

/** Kinds that describe the state today rather than the chosen period (open hand-offs, open deals). */
const CURRENT_STATE = new Set(['sla_breach', 'pipeline_hygiene', 'capacity_overload']);

export interface RankedFinding {
  rank: number;
  finding: Finding;
}

/** The findings, each opening to its evidence and the affected records. */
export function FindingList({
  items,
  open,
  onOpen,
}: {
  items: RankedFinding[];
  open: string | null;
  onOpen: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useFindingText();
  const role = useRoleName();
  return (
    <Accordion value={open} onChange={onOpen} variant="separated" radius="md" data-testid="findings">
      {items.map(({ rank, finding: f }) => (
        <Accordion.Item key={rank} value={String(rank)} data-testid="finding" data-kind={f.kind}>
          <Accordion.Control aria-label={`${rank + 1}. ${text(f)}`}>
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Group gap="sm" wrap="nowrap">
                <Text fw={700} c="dimmed" w={28}>
                  {rank + 1}
                </Text>
                <Stack gap={4}>
                  <Text fw={600} size="sm" data-testid="finding-title">
                    {text(f)}
                  </Text>
                  <Group gap={6}>
                    <KindBadge kind={f.kind} />
                    <Badge variant="outline" color="gray" data-testid="finding-role">
                      {role(f.owningRole)}
                    </Badge>
                    {CURRENT_STATE.has(f.kind) ? (
                      <Badge variant="dot" color="gray">
                        {t('cockpit.findings.currentState')}
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
              </Group>
              <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
                <Text size="xs" c="dimmed">
                  {t('cockpit.findings.atStake')}
                </Text>
                <Text fw={700} className="num" data-testid="finding-stake">
                  {f.revenueAtStake === null ? t('cockpit.findings.notValued') : fmt.money(f.revenueAtStake)}
                </Text>
              </Stack>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            {open === String(rank) ? (
              <Stack gap="lg">
                <FindingEvidence finding={f} />
                <AffectedItems finding={f} />
              </Stack>
            ) : null}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
