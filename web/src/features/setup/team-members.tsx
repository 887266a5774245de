import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api.ts';
import { Chart } from '../../app/chart.tsx';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { useFormat } from '../../app/format.ts';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { User } from '../../app/session.tsx';
import { ActionsTh } from '../../app/table-parts.tsx';
import { ROLES, type Team, type TeamMember } from './api.ts';

function AddMember({ team }: { team: Team }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(team.function);
  const [capacity, setCapacity] = useState<number | null>(null);
  const users = useQuery({
    queryKey: ['/users', 'options'],
    queryFn: () =>
      api<Page<User>>('/users', { query: { limit: 200, sort: 'displayName', status: 'active' } }),
  });
  const add = useMutation({
    mutationFn: () =>
      api<unknown>(`/teams/${team.id}/members`, { method: 'POST', body: { userId, role, capacity } }),
    onSuccess: async () => {
      setUserId(null);
      setCapacity(null);
      await client.invalidateQueries({ queryKey: ['/teams', team.id, 'members'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('setup.teams.member.user')}
          searchable
          required
          w={220}
          data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          value={userId}
          onChange={setUserId}
        />
        <Select
          label={t('setup.teams.member.role')}
          required
          w={200}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={setRole}
        />
        <NumberInput
          label={t('setup.teams.member.capacity')}
          title={t('setup.teams.member.capacityHint')}
          placeholder={t('setup.teams.member.defaultCapacity')}
          min={0}
          max={10_000}
          w={120}
          value={capacity ?? ''}
          onChange={(v) => setCapacity(typeof v === 'number' ? v : null)}
        />
        <Button type="submit" disabled={!userId || !role} loading={add.isPending}>
          {t('setup.teams.member.add')}
        </Button>
      </Group>
      {add.error ? <ErrorState error={add.error} /> : null}
    </form>
  );
}

/** A team's members with their role and capacity; add and remove them. */
export function TeamMembers({ team, onClose }: { team: Team; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const key = ['/teams', team.id, 'members'];
  const members = useQuery({ queryKey: key, queryFn: () => api<TeamMember[]>(`/teams/${team.id}/members`) });
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const remove = useMutation({
    mutationFn: (m: TeamMember) =>
      api<void>(`/teams/${team.id}/members/${m.userId}`, { method: 'DELETE', query: { role: m.role } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: key });
      setRemoving(null);
    },
  });
  const items = members.data ?? [];
  const byRole = ROLES.map((r) => ({
    role: r,
    capacity: items.filter((m) => m.role === r).reduce((sum, m) => sum + (m.capacity ?? 0), 0),
  })).filter((x) => items.some((m) => m.role === x.role));
  const chartTitle = t('setup.teams.member.capacityChart');
  return (
    <Modal opened onClose={onClose} title={t('setup.teams.membersOf', { name: team.name })} size="xl">
      <Stack>
        <AddMember team={team} />
        {members.isPending ? (
          <PageLoader />
        ) : members.error ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('setup.teams.member.emptyTitle')} hint={t('setup.teams.member.emptyHint')} />
        ) : (
          <>
            <Table verticalSpacing="xs" data-testid="team-members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('setup.teams.member.user')}</Table.Th>
                  <Table.Th>{t('setup.teams.member.role')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('setup.teams.member.capacity')}</Table.Th>
                  <ActionsTh />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={`${m.userId}:${m.role}`}>
                    <Table.Td>
                      {m.displayName}{' '}
                      {m.isLead ? (
                        <Badge size="xs" variant="light">
                          {t('setup.teams.member.lead')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{t(`roles.${m.role}`)}</Table.Td>
                    <Table.Td className="num">
                      {m.capacity === null ? t('setup.teams.member.defaultCapacity') : fmt.number(m.capacity)}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('setup.teams.member.remove', {
                          name: m.displayName,
                          role: t(`roles.${m.role}`),
                        })}
                        onClick={() => {
                          remove.reset();
                          setRemoving(m);
                        }}
                      >
                        {t('setup.teams.member.removeShort')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {byRole.length > 1 ? (
              <Chart
                label={chartTitle}
                height={60 + byRole.length * 32}
                option={{
                  title: { text: chartTitle, textStyle: { fontSize: 13 } },
                  grid: { left: 160, right: 40, top: 30, bottom: 20 },
                  xAxis: { type: 'value' },
                  yAxis: { type: 'category', inverse: true, data: byRole.map((x) => t(`roles.${x.role}`)) },
                  series: [
                    {
                      type: 'bar',
                      data: byRole.map((x) => x.capacity),
                      label: { show: true, position: 'right' },
                    },
                  ],
                }}
              />
            ) : null}
            <Text size="xs" c="dimmed">
              {t('setup.teams.member.capacityHint')}
            </Text>
          </>
        )}
      </Stack>
      {removing ? (
        <ConfirmDialog
          message={t('setup.teams.member.removeConfirm', {
            name: removing.displayName,
            role: t(`roles.${removing.role}`),
            team: team.name,
          })}
          confirmLabel={t('setup.teams.member.remove', {
            name: removing.displayName,
            role: t(`roles.${removing.role}`),
          })}
          onConfirm={() => remove.mutate(removing)}
          onClose={() => setRemoving(null)}
          pending={remove.isPending}
          error={remove.error}
        />
      ) : null}
    </Modal>
  );
}
