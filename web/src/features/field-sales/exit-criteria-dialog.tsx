import { Button, Checkbox, Divider, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { changePhase, type Opportunity, openItemsOf, type Phase, updateOpportunity } from './api.ts';
import { useLabels } from './labels.ts';

type OpenItem = ReturnType<typeof openItemsOf>[number];

/**
 * The API refused a move because exit criteria are open: names them, lets the user tick
 * them and advance in one request, save the ticks only, or (a manager) override with a reason.
 */
export function ExitCriteriaDialog({
  opportunity,
  to,
  refusal,
  isManager,
  onClose,
  onMoved,
  onTicksSaved,
}: {
  opportunity: Opportunity;
  to: Phase;
  refusal: ApiError;
  isManager: boolean;
  onClose: () => void;
  onMoved: (moved: Opportunity) => void;
  onTicksSaved: () => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [open, setOpen] = useState<OpenItem[]>(() => openItemsOf(refusal.details));
  const [ticked, setTicked] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const advance = useMutation({
    mutationFn: (overrideReason?: string) =>
      changePhase(opportunity.id, {
        version: opportunity.version,
        to,
        ...(ticked.length ? { check: ticked } : {}),
        ...(overrideReason ? { overrideReason } : {}),
      }),
    onSuccess: onMoved,
    onError: (error) => {
      // Still refused: show only what remains open (the request changed nothing).
      const remaining = error instanceof ApiError ? openItemsOf(error.details) : [];
      if (remaining.length) {
        setOpen(remaining);
        setTicked((ts) => ts.filter((k) => remaining.some((r) => r.key === k)));
      }
    },
  });
  const saveTicks = useMutation({
    mutationFn: () =>
      updateOpportunity(opportunity.id, {
        version: opportunity.version,
        exitCriteria: Object.fromEntries(ticked.map((k) => [k, true])),
      }),
    onSuccess: onTicksSaved,
  });
  const error = advance.error ?? saveTicks.error;
  const stillBlocked = error instanceof ApiError && openItemsOf(error.details).length > 0;
  const phases = [...new Set(open.map((o) => o.phase))];
  const busy = advance.isPending || saveTicks.isPending;

  return (
    <Modal opened onClose={onClose} title={t('fieldSales.move.title', { phase: labels.phase(to) })} size="lg">
      <Stack>
        <Text size="sm" data-testid="move-blocked">
          {t('fieldSales.move.blocked', { name: opportunity.name, phase: labels.phase(to) })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('fieldSales.move.tickHint')}
        </Text>
        <Stack gap="sm" data-testid="open-criteria">
          {phases.map((phase) => (
            <Checkbox.Group
              key={phase}
              label={t('fieldSales.opportunity.criteriaOf', { phase: labels.phase(phase) })}
              value={ticked.filter((k) => open.some((o) => o.key === k && o.phase === phase))}
              onChange={(keys) =>
                setTicked((ts) => [
                  ...ts.filter((k) => !open.some((o) => o.key === k && o.phase === phase)),
                  ...keys,
                ])
              }
            >
              <Stack gap={6} mt={6}>
                {open
                  .filter((o) => o.phase === phase)
                  .map((o) => (
                    <Checkbox key={o.key} value={o.key} label={labels.criterion(o)} />
                  ))}
              </Stack>
            </Checkbox.Group>
          ))}
        </Stack>
        {error && !stillBlocked ? <ErrorState error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="light"
            onClick={() => saveTicks.mutate()}
            disabled={ticked.length === 0 || advance.isPending}
            loading={saveTicks.isPending}
          >
            {t('fieldSales.move.saveTicks')}
          </Button>
          <Button
            onClick={() => advance.mutate(undefined)}
            disabled={ticked.length === 0 || saveTicks.isPending}
            loading={advance.isPending && !reason}
          >
            {t('fieldSales.move.tickAndAdvance')}
          </Button>
        </Group>
        {isManager ? (
          <>
            <Divider />
            <Title order={3} size="h5">
              {t('fieldSales.move.overrideTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('fieldSales.move.overrideHint')}
            </Text>
            <Textarea
              label={t('fieldSales.move.overrideReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
              autosize
              minRows={2}
            />
            <Group justify="flex-end">
              <Button
                color="orange"
                onClick={() => advance.mutate(reason.trim())}
                disabled={!reason.trim() || saveTicks.isPending}
                loading={advance.isPending && Boolean(reason)}
              >
                {t('fieldSales.move.override')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Modal>
  );
}
