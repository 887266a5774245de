import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { changePhase, fetchSettings, type Opportunity, pipelineKeys } from './api.ts';
import { useLabels } from './labels.ts';

/** Marks a deal lost: the workspace's loss reasons, and the competitor it went to. */
export function LostDialog({
  opportunity,
  onClose,
  onLost,
}: {
  opportunity: Opportunity;
  onClose: () => void;
  onLost: (lost: Opportunity) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const settings = useQuery({ queryKey: pipelineKeys.settings, queryFn: fetchSettings, staleTime: 300_000 });
  const [reason, setReason] = useState<string | null>(null);
  const [competitor, setCompetitor] = useState(opportunity.competitors[0] ?? '');
  const [touched, setTouched] = useState(false);
  const needsCompetitor = reason === 'competitor' && !competitor.trim();
  const lose = useMutation({
    mutationFn: () =>
      changePhase(opportunity.id, {
        version: opportunity.version,
        to: 'lost',
        lossReason: reason ?? '',
        ...(competitor.trim() ? { competitor: competitor.trim() } : {}),
      }),
    onSuccess: onLost,
  });
  const fieldErrors = lose.error instanceof ApiError ? lose.error.fieldErrors() : {};

  return (
    <Modal opened onClose={onClose} title={t('fieldSales.lost.title', { name: opportunity.name })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (reason && !needsCompetitor) lose.mutate();
        }}
      >
        <Stack>
          <Select
            label={t('fieldSales.lost.reason')}
            data={(settings.data?.settings.lossReasons ?? []).map((r) => ({
              value: r,
              label: labels.lossReason(r),
            }))}
            value={reason}
            onChange={setReason}
            required
            error={
              (touched && !reason ? t('fieldSales.lost.reasonRequired') : undefined) ?? fieldErrors.lossReason
            }
            data-autofocus
          />
          <TextInput
            label={t('fieldSales.lost.competitor')}
            description={t('fieldSales.lost.competitorHint')}
            value={competitor}
            onChange={(e) => setCompetitor(e.currentTarget.value)}
            maxLength={120}
            required={reason === 'competitor'}
            error={
              (touched && needsCompetitor ? t('fieldSales.lost.competitorRequired') : undefined) ??
              fieldErrors.competitor
            }
          />
          {settings.error ? (
            <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
          ) : null}
          {lose.error ? <ErrorState error={lose.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={lose.isPending}>
              {t('fieldSales.lost.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
