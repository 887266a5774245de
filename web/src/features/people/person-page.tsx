import { Anchor, Breadcrumbs, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { FieldList } from '../../app/field-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { Account } from '../accounts/api.ts';
import { type Person, personName } from './api.ts';
import { PersonForm } from './person-form.tsx';
import { StageBadge } from './stage-badge.tsx';

export default function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  const person = useQuery({ queryKey: ['/people', id], queryFn: () => api<Person>(`/people/${id}`) });
  const accountId = person.data?.accountId;
  const account = useQuery({
    queryKey: ['/accounts', accountId],
    queryFn: () => api<Account>(`/accounts/${accountId}`),
    enabled: Boolean(accountId),
  });

  const crumbs = (
    <Breadcrumbs mb="sm">
      <Anchor component={Link} to="/marketing/leads" size="sm">
        {t('people.title')}
      </Anchor>
      <Text size="sm">
        {person.data ? personName(person.data) || t('people.unnamed') : t('people.detailTitle')}
      </Text>
    </Breadcrumbs>
  );
  if (person.isPending)
    return (
      <>
        {crumbs}
        <PageLoader />
      </>
    );
  if (person.error)
    return (
      <>
        {crumbs}
        <ErrorState error={person.error} onRetry={() => void person.refetch()} />
      </>
    );
  const p = person.data;
  const none = t('common.none');

  return (
    <>
      {crumbs}
      <Group justify="space-between" align="flex-start" mb="lg">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="person-name">
              {personName(p) || t('people.unnamed')}
            </Title>
            <StageBadge stage={p.lifecycleStage} />
          </Group>
          <Text size="sm" c="dimmed">
            {[p.department, p.title].filter(Boolean).join(' ')}
            {account.data ? ` · ${account.data.name}` : ''}
          </Text>
        </Stack>
        <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
      </Group>
      <Paper withBorder p="lg" radius="md">
        <Title order={2} size="h4" mb="md">
          {t('people.profile')}
        </Title>
        <FieldList
          cols={3}
          fields={[
            { label: t('people.lastName'), value: p.lastName ?? none },
            { label: t('people.firstName'), value: p.firstName ?? none },
            { label: t('people.email'), value: p.email ?? none },
            { label: t('people.phone'), value: p.phone ?? none },
            { label: t('people.department'), value: p.department ?? none },
            { label: t('people.title_'), value: p.title ?? none },
            {
              label: t('people.account'),
              value: account.data ? (
                <Anchor component={Link} to={`/accounts/${account.data.id}`} size="sm">
                  {account.data.name}
                </Anchor>
              ) : (
                none
              ),
            },
            { label: t('people.source'), value: p.source ? t(`sources.${p.source}`) : none },
            { label: t('people.stage'), value: <StageBadge stage={p.lifecycleStage} /> },
            { label: t('people.stageEnteredAt'), value: fmt.dateTime(p.stageEnteredAt) },
            { label: t('people.createdAt'), value: fmt.dateTime(p.createdAt) },
            {
              label: t('people.updatedAt'),
              value: `${fmt.dateTime(p.updatedAt)} · ${t('people.version', { version: p.version })}`,
            },
          ]}
        />
      </Paper>
      {editing ? (
        <PersonForm
          person={p}
          onClose={(reload) => {
            setEditing(false);
            if (reload) void person.refetch();
          }}
        />
      ) : null}
    </>
  );
}
