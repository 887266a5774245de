import { Anchor, Breadcrumbs, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { LoadMore, useCursorList } from '../../app/cursor-list.tsx';
import { FieldList } from '../../app/field-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import { type Person, personName } from '../people/api.ts';
import { StageBadge } from '../people/stage-badge.tsx';
import { CustomerSuccessPanel } from '../success/customer-success-panel.tsx';
import type { Account } from './api.ts';
import { CustomerStage } from './customer-stage.tsx';

export default function AccountPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const account = useQuery({ queryKey: ['/accounts', id], queryFn: () => api<Account>(`/accounts/${id}`) });
  const people = useCursorList<Person>('/people', { accountId: id, sort: 'lastName' }, 25);
  const none = t('common.none');

  const crumbs = (
    <Breadcrumbs mb="sm">
      <Anchor component={Link} to="/accounts" size="sm">
        {t('accounts.title')}
      </Anchor>
      <Text size="sm">{account.data?.name ?? ''}</Text>
    </Breadcrumbs>
  );
  if (account.isPending)
    return (
      <>
        {crumbs}
        <PageLoader />
      </>
    );
  if (account.error)
    return (
      <>
        {crumbs}
        <ErrorState error={account.error} onRetry={() => void account.refetch()} />
      </>
    );
  const a = account.data;

  return (
    <>
      {crumbs}
      <Group justify="space-between" align="flex-start" mb="lg">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="account-name">
              {a.name}
            </Title>
            <CustomerStage stage={a.customerStage} />
          </Group>
          <Text size="sm" c="dimmed">
            {[a.industry, a.region, a.domain].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      </Group>
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <FieldList
            cols={4}
            fields={[
              { label: t('accounts.domain'), value: a.domain ?? none },
              { label: t('accounts.industry'), value: a.industry ?? none },
              {
                label: t('accounts.employees'),
                value: a.employeeCount === null ? none : fmt.number(a.employeeCount),
              },
              { label: t('accounts.region'), value: a.region ?? none },
              { label: t('accounts.tier'), value: a.tier ?? none },
              { label: t('accounts.customerStage'), value: <CustomerStage stage={a.customerStage} /> },
              { label: t('accounts.createdAt'), value: fmt.dateTime(a.createdAt) },
            ]}
          />
        </Paper>
        {a.customerStage !== null ? <CustomerSuccessPanel accountId={a.id} /> : null}
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            {t('accounts.people')}
          </Title>
          {people.isPending ? (
            <PageLoader />
          ) : people.error && people.items.length === 0 ? (
            <ErrorState error={people.error} onRetry={() => void people.refetch()} />
          ) : people.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('accounts.noPeople')}
            </Text>
          ) : (
            <>
              <Table verticalSpacing="xs" data-testid="account-people">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('people.name')}</Table.Th>
                    <Table.Th>{t('people.title_')}</Table.Th>
                    <Table.Th>{t('people.email')}</Table.Th>
                    <Table.Th>{t('people.stage')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {people.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/marketing/leads/${p.id}`} size="sm" fw={500}>
                          {personName(p) || t('people.unnamed')}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{[p.department, p.title].filter(Boolean).join(' ') || none}</Table.Td>
                      <Table.Td>{p.email ?? none}</Table.Td>
                      <Table.Td>
                        <StageBadge stage={p.lifecycleStage} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <LoadMore
                count={people.items.length}
                hasMore={people.hasNextPage}
                loading={people.isFetchingNextPage}
                onMore={() => void people.fetchNextPage()}
              />
            </>
          )}
        </Paper>
      </Stack>
    </>
  );
}
