import { Anchor, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { RenewalEntry } from './api.ts';
import { refreshSuccess } from './task-actions.tsx';
import { useSuccessSettings } from './use-success-settings.ts';

/**
 * Runs the renewal entry now (it also runs daily): accounts renewing within the lead days
 * move into renewal with a renewal deal and a task. Shows what it did.
 */
export function RunRenewalsButton() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const settings = useSuccessSettings();
  const [opened, setOpened] = useState(false);
  const run = useMutation({
    mutationFn: () => api<RenewalEntry[]>('/success/renewals/run', { method: 'POST' }),
    onSuccess: () => refreshSuccess(client),
  });
  const close = () => {
    setOpened(false);
    run.reset();
  };
  const days = settings.data?.config.renewalLeadDays;
  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        {t('success.renewals.run')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('success.renewals.run')} size="md">
        <Stack>
          {run.data ? (
            <>
              <Text size="sm" data-testid="renewal-run-result">
                {t('success.renewals.runDone', { n: fmt.number(run.data.length) })}
              </Text>
              {run.data.length > 0 ? (
                <List size="sm">
                  {run.data.map((e) => (
                    <List.Item key={e.opportunityId}>
                      {fmt.calendarDate(e.renewsOn)} ·{' '}
                      <Anchor component={Link} to={`/field-sales/opportunities/${e.opportunityId}`}>
                        {t('success.renewals.deal')}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </>
          ) : (
            <Text size="sm">
              {days === undefined
                ? t('success.renewals.runHintNoDays')
                : t('success.renewals.runHint', { days })}
            </Text>
          )}
          {run.error ? <ErrorState error={run.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {run.data ? t('common.close') : t('common.cancel')}
            </Button>
            {run.data ? null : (
              <Button onClick={() => run.mutate()} loading={run.isPending}>
                {t('common.confirm')}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
