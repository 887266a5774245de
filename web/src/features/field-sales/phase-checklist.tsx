import { Checkbox, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { type Card, OPEN_PHASES, type OpenPhase, type PipelineSettings } from './api.ts';
import { useLabels } from './labels.ts';
import { useSaveOpportunity } from './use-save-opportunity.ts';

/**
 * The five phases as a stepper, and the exit criteria of the selected phase as a
 * checklist: ticking saves at once (with the version read).
 */
export function PhaseChecklist({
  card,
  settings,
  onReload,
}: {
  card: Card;
  settings: PipelineSettings | undefined;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useLabels();
  const current = OPEN_PHASES.indexOf(card.phase as OpenPhase);
  const active = card.phase === 'won' ? OPEN_PHASES.length : current;
  const [shown, setShown] = useState<OpenPhase>(current >= 0 ? OPEN_PHASES[current]! : 'approval');
  const save = useSaveOpportunity(card);
  const items = settings?.exitCriteria[shown] ?? [];
  const editable = current >= 0;

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="md">
        {t('fieldSales.opportunity.stepper')}
      </Title>
      <Stepper
        active={active}
        onStepClick={(i) => setShown(OPEN_PHASES[i] ?? shown)}
        size="sm"
        allowNextStepsSelect
        color={card.phase === 'lost' ? 'red' : 'indigo'}
        mb="lg"
      >
        {OPEN_PHASES.map((phase, i) => (
          <Stepper.Step
            key={phase}
            label={labels.phase(phase)}
            description={i === current ? t('fieldSales.opportunity.currentPhase') : undefined}
            aria-current={i === current ? 'step' : undefined}
          />
        ))}
      </Stepper>
      <Stack gap="xs" data-testid="phase-checklist">
        <Text fw={600} size="sm">
          {t('fieldSales.opportunity.criteriaOf', { phase: labels.phase(shown) })}
        </Text>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('fieldSales.opportunity.noCriteria')}
          </Text>
        ) : (
          items.map((item) => {
            const state = card.exitCriteria[item.key];
            return (
              <Checkbox
                key={item.key}
                label={labels.criterion(item)}
                description={
                  state?.done
                    ? t('fieldSales.opportunity.checkedBy', { date: fmt.dateTime(state.at) })
                    : undefined
                }
                checked={Boolean(state?.done)}
                disabled={!editable || save.isPending}
                onChange={(e) => save.mutate({ exitCriteria: { [item.key]: e.currentTarget.checked } })}
              />
            );
          })
        )}
        {save.error ? <ErrorState error={save.error} onRetry={onReload} /> : null}
      </Stack>
    </Paper>
  );
}
