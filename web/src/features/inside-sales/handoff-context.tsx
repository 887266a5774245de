import { Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FieldList } from '../../app/field-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { StageBadge } from '../people/stage-badge.tsx';
import type { Handoff, StageChange } from './api.ts';
import { ScoreBreakdown, useScore } from './score-breakdown.tsx';

const BANT = ['budget', 'authority', 'need', 'timeline'] as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** What the sender handed over: score breakdown, behaviour history, notes, BANT, stage history. */
export function HandoffContextView({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const personId = handoff.personId;
  const score = useScore(personId);
  const history = useQuery({
    queryKey: ['/people', personId, 'stage-history'],
    queryFn: () => api<{ items: StageChange[] }>(`/people/${personId}/stage-history`),
    enabled: Boolean(personId),
  });
  const context = handoff.context ?? {};
  const labels = new Map(
    [...(score.data?.fit ?? []), ...(score.data?.topRules ?? [])].map((r) => [r.ruleId, r.label]),
  );
  const bant = context.bant ?? {};

  return (
    <Stack gap="lg" data-testid="handoff-context">
      {personId ? (
        <Section title={t('insideSales.handoff.score')}>
          <ScoreBreakdown personId={personId} />
        </Section>
      ) : null}
      <Section title={t('insideSales.handoff.behaviour')}>
        {score.data && score.data.topEvents.length > 0 ? (
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {score.data.topEvents.map((e) => (
                <Table.Tr key={e.eventId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.occurredAt)}</Table.Td>
                  <Table.Td>{labels.get(e.ruleId) ?? e.type}</Table.Td>
                  <Table.Td className="num">
                    {t('insideSales.handoff.points', { points: fmt.number(Math.round(e.points * 10) / 10) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('insideSales.handoff.noBehaviour')}
          </Text>
        )}
      </Section>
      <Section title={t('insideSales.handoff.notes')}>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap' }}
          c={context.notes ? undefined : 'dimmed'}
          data-testid="handoff-notes"
        >
          {context.notes || t('insideSales.handoff.noNotes')}
        </Text>
      </Section>
      <Section title={t('insideSales.handoff.bant')}>
        {BANT.some((k) => bant[k]) ? (
          <FieldList
            fields={BANT.map((k) => ({
              label: t(`insideSales.handoff.bantFields.${k}`),
              value: bant[k] || t('common.none'),
            }))}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('insideSales.handoff.noBant')}
          </Text>
        )}
      </Section>
      {personId ? (
        <Section title={t('insideSales.handoff.stageHistory')}>
          {history.error ? (
            <ErrorState error={history.error} />
          ) : (
            <Timeline bulletSize={14} lineWidth={2} active={(history.data?.items.length ?? 0) - 1}>
              {(history.data?.items ?? []).map((h) => (
                <Timeline.Item key={h.id} title={<StageBadge stage={h.toStage} />}>
                  <Text size="xs" c="dimmed">
                    {fmt.dateTime(h.at)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Section>
      ) : null}
    </Stack>
  );
}
