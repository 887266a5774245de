import { Alert, Button, Grid, Paper, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { useSession } from '../../app/session.tsx';
import type { PickedOutcome } from './activity-buttons.tsx';
import { type ActivityType, KEYS, type Queue, type QueueItem } from './api.ts';
import { FollowUpDialog } from './follow-up-dialog.tsx';
import { NoteDialog } from './note-dialog.tsx';
import { QueueStats } from './queue-stats.tsx';
import { type QueueHandlers, QueueTable } from './queue-table.tsx';
import { RepPicker, useCanPickRep, useRep } from './rep-picker.tsx';
import { SlotMeter } from './slot-meter.tsx';
import { SqlDialog } from './sql-dialog.tsx';
import { TasksPanel } from './tasks-panel.tsx';
import { useNow } from './use-now.ts';

type Dialog = { kind: 'sql' | 'followUp' | 'note'; item: QueueItem };
interface LogInput {
  item: QueueItem;
  type: ActivityType;
  outcome: PickedOutcome | null;
  notes?: string;
}

export default function QueuePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const client = useQueryClient();
  const rep = useRep();
  const canPick = useCanPickRep();
  const own = rep === user.id;
  const now = useNow(1000);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const queue = useQuery({
    queryKey: [...KEYS.queue, rep],
    queryFn: () => api<Queue>('/workbench/queue', { query: { userId: rep, limit: 500 } }),
    refetchInterval: 60_000,
  });
  const lead = (i: QueueItem) => i.name ?? i.email ?? t('people.unnamed');

  const log = useMutation({
    mutationFn: ({ item, type, outcome, notes }: LogInput) =>
      api('/activities', {
        method: 'POST',
        body: {
          type,
          personId: item.personId,
          // "Not ready" is a conversation that happened; the follow-up date is set next.
          ...(outcome ? { outcome: outcome === 'not_ready' ? 'connected' : outcome } : {}),
          ...(notes ? { notes } : {}),
        },
      }),
    onSuccess: async (_, { item, type, outcome }) => {
      await Promise.all([KEYS.queue, KEYS.slots].map((k) => client.invalidateQueries({ queryKey: k })));
      const what = [
        t(`insideSales.activity.types.${type}`),
        outcome ? t(`insideSales.activity.outcomes.${outcome}`) : null,
      ]
        .filter(Boolean)
        .join('・');
      setFlash(t('insideSales.queue.logged', { lead: lead(item), what }));
      if (outcome === 'appointment_set') setDialog({ kind: 'sql', item });
      else if (outcome === 'not_ready') setDialog({ kind: 'followUp', item });
      else setDialog(null);
    },
  });
  const handlers: QueueHandlers = {
    onPick: (item, type, outcome) => log.mutate({ item, type, outcome }),
    onNote: (item) => {
      log.reset();
      setDialog({ kind: 'note', item });
    },
    onSql: (item) => setDialog({ kind: 'sql', item }),
    onFollowUp: (item) => setDialog({ kind: 'followUp', item }),
  };
  const done = (message: string) => {
    setFlash(message);
    setDialog(null);
  };

  return (
    <>
      <PageHeader
        title={t('insideSales.queue.title')}
        description={t('insideSales.queue.description')}
        actions={canPick ? <RepPicker /> : undefined}
      />
      <Stack gap="md">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <SlotMeter userId={rep} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <QueueStats
              items={queue.data?.items ?? []}
              total={queue.data?.total ?? 0}
              now={now}
              userId={rep}
            />
          </Grid.Col>
        </Grid>
        {flash ? (
          <Alert
            color="teal"
            variant="light"
            withCloseButton
            onClose={() => setFlash(null)}
            role="status"
            data-testid="flash"
          >
            {flash}
          </Alert>
        ) : null}
        {!own ? (
          <Alert color="gray" variant="light">
            {t('insideSales.queue.viewOnly')}
          </Alert>
        ) : null}
        {log.error && dialog?.kind !== 'note' ? <ErrorState error={log.error} /> : null}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 9 }}>
            <Paper withBorder p="md" radius="md">
              {queue.isPending ? (
                <PageLoader />
              ) : queue.error ? (
                <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
              ) : queue.data.items.length === 0 ? (
                <EmptyState
                  title={t('insideSales.queue.emptyTitle')}
                  hint={t('insideSales.queue.emptyHint')}
                  action={
                    <Button component={Link} to="/inside-sales/handoffs" variant="light">
                      {t('insideSales.queue.emptyHandoffs')}
                    </Button>
                  }
                />
              ) : (
                <QueueTable
                  items={queue.data.items}
                  total={queue.data.total}
                  now={now}
                  readOnly={!own}
                  pendingPersonId={log.isPending ? (log.variables?.item.personId ?? null) : null}
                  handlers={handlers}
                />
              )}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 3 }}>
            <TasksPanel userId={rep} now={now} readOnly={!own} />
          </Grid.Col>
        </Grid>
      </Stack>
      {dialog?.kind === 'sql' ? (
        <SqlDialog
          personId={dialog.item.personId}
          lead={lead(dialog.item)}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      ) : null}
      {dialog?.kind === 'followUp' ? (
        <FollowUpDialog
          personId={dialog.item.personId}
          lead={lead(dialog.item)}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      ) : null}
      {dialog?.kind === 'note' ? (
        <NoteDialog
          lead={lead(dialog.item)}
          pending={log.isPending}
          error={log.error}
          onSave={(notes) => log.mutate({ item: dialog.item, type: 'note', outcome: null, notes })}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
