import { Button, Group, Paper, Stack, TagsInput, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { Card } from './api.ts';
import { useSaveOpportunity } from './use-save-opportunity.ts';

/** The next step and the competitors of a deal, each saved on its own. */
export function DealNotes({ card, onReload }: { card: Card; onReload: () => void }) {
  const { t } = useTranslation();
  const [nextStep, setNextStep] = useState(card.nextStep ?? '');
  const input = useRef<HTMLTextAreaElement>(null);
  const { hash } = useLocation();
  // The hygiene list links here to fill in a missing next step: put the cursor in it.
  useEffect(() => {
    if (hash === '#next-step') input.current?.focus();
  }, [hash]);
  const [competitors, setCompetitors] = useState<string[]>(card.competitors);
  const saveNext = useSaveOpportunity(card);
  const saveCompetitors = useSaveOpportunity(card);
  const retry = (error: unknown) =>
    error instanceof ApiError && error.code === 'version_conflict' ? onReload : undefined;
  const nextChanged = nextStep.trim() !== (card.nextStep ?? '');
  const competitorsChanged = JSON.stringify(competitors) !== JSON.stringify(card.competitors);

  return (
    <Paper withBorder p="lg" radius="md" id="next-step">
      <Stack>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveNext.mutate({ nextStep: nextStep.trim() || null });
          }}
        >
          <Title order={2} size="h4" mb="sm">
            {t('fieldSales.opportunity.notes')}
          </Title>
          <Textarea
            label={t('fieldSales.opportunity.nextStep')}
            placeholder={t('fieldSales.opportunity.nextStepPlaceholder')}
            value={nextStep}
            onChange={(e) => setNextStep(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            error={saveNext.error instanceof ApiError ? saveNext.error.fieldErrors().nextStep : undefined}
            data-testid="next-step-input"
            ref={input}
          />
          {saveNext.error ? <ErrorState error={saveNext.error} onRetry={retry(saveNext.error)} /> : null}
          <Group justify="space-between" mt="sm">
            <Text size="xs" c="teal" role="status" data-testid="next-step-status">
              {saveNext.isSuccess && !nextChanged ? t('fieldSales.opportunity.nextStepSaved') : ''}
            </Text>
            <Button type="submit" size="xs" loading={saveNext.isPending} disabled={!nextChanged}>
              {t('fieldSales.opportunity.saveNextStep')}
            </Button>
          </Group>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveCompetitors.mutate({ competitors });
          }}
        >
          <TagsInput
            label={t('fieldSales.opportunity.competitors')}
            placeholder={t('fieldSales.opportunity.competitorsPlaceholder')}
            value={competitors}
            onChange={setCompetitors}
            maxTags={20}
            clearable
          />
          {saveCompetitors.error ? (
            <ErrorState error={saveCompetitors.error} onRetry={retry(saveCompetitors.error)} />
          ) : null}
          <Group justify="space-between" mt="sm">
            <Text size="xs" c="teal" role="status">
              {saveCompetitors.isSuccess && !competitorsChanged
                ? t('fieldSales.opportunity.competitorsSaved')
                : ''}
            </Text>
            <Button
              type="submit"
              size="xs"
              variant="light"
              loading={saveCompetitors.isPending}
              disabled={!competitorsChanged}
            >
              {t('fieldSales.opportunity.saveCompetitors')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}
