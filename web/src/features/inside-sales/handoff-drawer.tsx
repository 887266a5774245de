import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { FieldList } from '../../app/field-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { type Handoff, KEYS } from './api.ts';
import { HandoffContextView } from './handoff-context.tsx';
import { KindBadge, StatusBadge, useHandoffText } from './handoff-labels.tsx';
import { RejectDialog } from './reject-dialog.tsx';
import { SlaTimer } from './sla-timer.tsx';
import { useNow } from './use-now.ts';

/** One hand-off: its contract (who, when due), the context handed over, and the answer. */
export function HandoffDrawer({
  handoff,
  receiver,
  onClose,
  onDone,
}: {
  handoff: Handoff;
  receiver: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const now = useNow(1000);
  const text = useHandoffText();
  const [note, setNote] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const lead = text.subject(handoff);
  const refresh = () =>
    Promise.all(
      [KEYS.handoffs, KEYS.queue, KEYS.slots].map((k) => client.invalidateQueries({ queryKey: k })),
    );
  const accept = useMutation({
    mutationFn: () =>
      api<Handoff>(`/handoffs/${handoff.id}/accept`, {
        method: 'POST',
        body: note.trim() ? { note: note.trim() } : {},
      }),
    onSuccess: async () => {
      await refresh();
      onDone(t('insideSales.handoff.accepted'));
    },
  });
  const route = useMutation({
    mutationFn: () => api<Handoff>(`/handoffs/${handoff.id}/route`, { method: 'POST' }),
    onSuccess: async () => {
      await refresh();
      onDone(t('insideSales.handoff.routed'));
    },
  });
  const open = handoff.status === 'open';

  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={t('insideSales.handoff.title')}>
      <Stack gap="md" data-testid="handoff-drawer">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            {handoff.personId ? (
              <Anchor component={Link} to={`/marketing/leads/${handoff.personId}`} fw={700} size="lg">
                {lead}
              </Anchor>
            ) : (
              <Text fw={700} size="lg">
                {lead}
              </Text>
            )}
            {handoff.accountName ? (
              <Anchor component={Link} to={`/accounts/${handoff.accountId}`} size="sm" c="dimmed">
                {handoff.accountName}
              </Anchor>
            ) : null}
          </Stack>
          <Group gap={6}>
            <KindBadge kind={handoff.kind} />
            <StatusBadge status={handoff.status} />
          </Group>
        </Group>
        <FieldList
          cols={3}
          fields={[
            { label: t('insideSales.handoffs.from'), value: text.role(handoff.fromRole) },
            { label: t('insideSales.handoff.assignedTo'), value: receiver },
            { label: t('insideSales.handoffs.openedAt'), value: fmt.dateTime(handoff.openedAt) },
            {
              label: t('insideSales.handoffs.dueAt'),
              value: open ? <SlaTimer dueAt={handoff.dueAt} now={now} /> : fmt.dateTime(handoff.dueAt),
            },
            ...(handoff.respondedAt
              ? [{ label: t('insideSales.handoffs.respondedAt'), value: fmt.dateTime(handoff.respondedAt) }]
              : []),
          ]}
        />
        {open ? (
          <Stack gap="xs">
            <Textarea
              label={t('insideSales.handoff.acceptNote')}
              autosize
              minRows={1}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            {accept.error ? <ErrorState error={accept.error} /> : null}
            {route.error ? <ErrorState error={route.error} /> : null}
            <Group>
              <Button
                color="teal"
                onClick={() => accept.mutate()}
                loading={accept.isPending}
                data-testid="accept-handoff"
              >
                {t('insideSales.handoff.accept')}
              </Button>
              <Button
                color="red"
                variant="light"
                onClick={() => setRejecting(true)}
                data-testid="reject-handoff"
              >
                {t('insideSales.handoff.reject')}
              </Button>
              {handoff.toUserId === null ? (
                <Button variant="default" onClick={() => route.mutate()} loading={route.isPending}>
                  {t('insideSales.handoff.route')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        ) : (
          <Alert color={handoff.status === 'accepted' ? 'teal' : 'red'} variant="light">
            <Text size="sm">
              {t('insideSales.handoff.closedAs', { status: text.status(handoff.status) })}
            </Text>
            {handoff.rejectReason ? (
              <Text size="sm" mt={4}>
                {t('insideSales.handoff.rejectReason')}: {handoff.rejectReason}
                {handoff.rejectOutcome ? (
                  <Badge ml="xs" variant="outline" size="sm">
                    {text.rejectOutcome(handoff.rejectOutcome)}
                  </Badge>
                ) : null}
              </Text>
            ) : null}
          </Alert>
        )}
        <Divider />
        <HandoffContextView handoff={handoff} />
      </Stack>
      {rejecting ? (
        <RejectDialog
          handoff={handoff}
          lead={lead}
          onClose={() => setRejecting(false)}
          onDone={(message) => {
            setRejecting(false);
            onDone(message);
          }}
        />
      ) : null}
    </Drawer>
  );
}
