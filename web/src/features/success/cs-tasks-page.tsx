import { Badge, Paper, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api.ts';
import { PageHeader } from '../../app/page-header.tsx';
import type { CustomerSummary, ExpansionSignal, SuccessTask } from './api.ts';
import { CsTaskList } from './cs-task-list.tsx';
import { CustomerDrawer } from './customer-drawer.tsx';
import { SignalList } from './signal-list.tsx';
import { useMyRoles } from './use-my-roles.ts';

/** How many open items a tab holds (a page of up to 200; "200+" beyond). */
function useOpenCount(path: string, query: Record<string, string | undefined>) {
  return useQuery({
    queryKey: [path, 'count', query],
    queryFn: () => api<Page<SuccessTask | ExpansionSignal>>(path, { query: { ...query, limit: 200 } }),
    select: (page) => (page.nextCursor ? '200+' : String(page.items.length)),
  });
}

export default function CsTasksPage() {
  const { t } = useTranslation();
  const me = useMyRoles();
  // An AM lands on the signals they decide; everyone else on the risks.
  const [tab, setTab] = useState<string | null>(me.isAm && !me.isCsm ? 'signals' : 'risks');
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const team = useQuery({
    queryKey: ['/success/accounts/summary', {}],
    queryFn: () => api<CustomerSummary>('/success/accounts/summary'),
  });
  const members = team.data?.team ?? [];
  const risks = useOpenCount('/success/tasks', { kind: 'health_risk', status: 'open' });
  const signals = useOpenCount('/success/expansion-signals', { status: 'open' });
  const count = (n: string | undefined) =>
    n === undefined ? null : (
      <Badge size="sm" variant="light" ml={4}>
        {n}
      </Badge>
    );

  return (
    <>
      <PageHeader title={t('success.csTasks.title')} description={t('success.csTasks.description')} />
      <Paper withBorder p="md" radius="md">
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="risks" rightSection={count(risks.data)}>
              {t('success.csTasks.risks')}
            </Tabs.Tab>
            <Tabs.Tab value="signals" rightSection={count(signals.data)}>
              {t('success.csTasks.signals')}
            </Tabs.Tab>
            <Tabs.Tab value="all">{t('success.csTasks.all')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="risks">
            <CsTaskList
              kind="health_risk"
              team={members}
              initialAssignee={me.isCsm ? me.userId : null}
              onOpen={setOpen}
            />
          </Tabs.Panel>
          <Tabs.Panel value="signals">
            <SignalList team={members} initialAm={me.isAm ? me.userId : null} onOpen={setOpen} />
          </Tabs.Panel>
          <Tabs.Panel value="all">
            <CsTaskList
              kind={null}
              team={members}
              initialAssignee={me.isCsm || me.isOnb || me.isAm ? me.userId : null}
              onOpen={setOpen}
            />
          </Tabs.Panel>
        </Tabs>
      </Paper>
      <CustomerDrawer account={open} onClose={() => setOpen(null)} />
    </>
  );
}
