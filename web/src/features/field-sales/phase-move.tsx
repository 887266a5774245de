import { Alert, Button, Group, Modal } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { useSession } from '../../app/session.tsx';
import { changePhase, invalidatePipeline, type Opportunity, openItemsOf, type Phase } from './api.ts';
import { ExitCriteriaDialog } from './exit-criteria-dialog.tsx';
import { useLabels } from './labels.ts';
import { LostDialog } from './lost-dialog.tsx';

type Dialog =
  | { kind: 'blocked'; opportunity: Opportunity; to: Phase; refusal: ApiError }
  | { kind: 'failed'; opportunity: Opportunity; to: Phase; error: unknown }
  | { kind: 'lost'; opportunity: Opportunity };

/**
 * Moves deals forward from anywhere (a drop, a card's menu, the opportunity page): tries
 * the move; when the API refuses over open exit criteria, opens the checklist dialog;
 * lost asks for its reason first. Returns the dialogs and the last outcome to render.
 */
export function usePhaseMove() {
  const { t } = useTranslation();
  const labels = useLabels();
  const client = useQueryClient();
  const me = useSession();
  const isManager = me.user.roles.some((r) => r.role === 'manager' || r.role === 'admin');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (moved: Opportunity, message: string) => {
    setDialog(null);
    setNotice(message);
    void invalidatePipeline(client);
    return moved;
  };
  const outcome = (moved: Opportunity) =>
    done(
      moved,
      moved.phase === 'won'
        ? t('fieldSales.pipeline.won', { name: moved.name })
        : moved.phase === 'lost'
          ? t('fieldSales.pipeline.lost', { name: moved.name })
          : t('fieldSales.pipeline.moved', { name: moved.name, phase: labels.phase(moved.phase) }),
    );

  const move = useMutation({
    mutationFn: ({ opportunity, to }: { opportunity: Opportunity; to: Phase }) =>
      changePhase(opportunity.id, { version: opportunity.version, to }),
    onMutate: () => setNotice(null),
    onSuccess: outcome,
    onError: (error, { opportunity, to }) =>
      setDialog(
        error instanceof ApiError && openItemsOf(error.details).length > 0
          ? { kind: 'blocked', opportunity, to, refusal: error }
          : { kind: 'failed', opportunity, to, error },
      ),
  });

  const request = (opportunity: Opportunity, to: Phase) => {
    setNotice(null);
    if (to === 'lost') setDialog({ kind: 'lost', opportunity });
    else move.mutate({ opportunity, to });
  };
  const close = () => setDialog(null);

  let dialogs: ReactNode = null;
  if (dialog?.kind === 'blocked') {
    dialogs = (
      <ExitCriteriaDialog
        opportunity={dialog.opportunity}
        to={dialog.to}
        refusal={dialog.refusal}
        isManager={isManager}
        onClose={close}
        onMoved={outcome}
        onTicksSaved={() => {
          close();
          setNotice(t('fieldSales.move.ticksSaved'));
          void invalidatePipeline(client);
        }}
      />
    );
  } else if (dialog?.kind === 'lost') {
    dialogs = <LostDialog opportunity={dialog.opportunity} onClose={close} onLost={outcome} />;
  } else if (dialog?.kind === 'failed') {
    dialogs = (
      <Modal opened onClose={close} title={t('fieldSales.move.failed')}>
        <ErrorState
          error={dialog.error}
          onRetry={() => {
            close();
            void invalidatePipeline(client);
          }}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            {t('common.close')}
          </Button>
        </Group>
      </Modal>
    );
  }

  const noticeBar = notice ? (
    <Alert
      color="teal"
      variant="light"
      role="status"
      mb="md"
      withCloseButton
      onClose={() => setNotice(null)}
      closeButtonLabel={t('common.close')}
      data-testid="move-notice"
    >
      {notice}
    </Alert>
  ) : null;

  return { request, pendingId: move.isPending ? move.variables.opportunity.id : null, dialogs, noticeBar };
}
