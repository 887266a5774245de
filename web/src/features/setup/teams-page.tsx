import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorListBody, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { ListEmpty } from '../../app/query-state.tsx';
import { ActionsTh, EditButton } from '../../app/table-parts.tsx';
import type { SegmentRule, Team } from './api.ts';
import { OrgModelCard } from './org-model-card.tsx';
import { segmentToForm } from './segment-rule.ts';
import { TeamForm } from './team-form.tsx';
import { TeamMembers } from './team-members.tsx';
import { useTierName } from './tier-name.ts';

const KINDS = ['function', 'pod', 'marketing'] as const;

function SegmentSummary({ rule }: { rule: SegmentRule | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tierName = useTierName();
  if (!rule)
    return (
      <Text size="sm" c="dimmed">
        {t('setup.teams.noSegment')}
      </Text>
    );
  const form = segmentToForm(rule);
  if (!form) return <Text size="sm">{t('setup.teams.rule.complex')}</Text>;
  const parts = [
    form.tiers.length
      ? t('setup.teams.rule.summaryTier', { values: form.tiers.map(tierName).join(', ') })
      : null,
    form.industries.length
      ? t('setup.teams.rule.summaryIndustry', { values: form.industries.join(', ') })
      : null,
    form.regions.length ? t('setup.teams.rule.summaryRegion', { values: form.regions.join(', ') }) : null,
    form.minEmployees !== null
      ? t('setup.teams.rule.summaryEmployees', { op: '≥', value: fmt.number(form.minEmployees) })
      : null,
    form.maxEmployees !== null
      ? t('setup.teams.rule.summaryEmployees', { op: '<', value: fmt.number(form.maxEmployees) })
      : null,
  ].filter(Boolean);
  return (
    <Group gap={4}>
      {parts.map((p) => (
        <Badge key={p} variant="light" color="gray" tt="none">
          {p}
        </Badge>
      ))}
    </Group>
  );
}

export default function TeamsPage() {
  const { t } = useTranslation();
  const { q, setQ, search } = useListSearch();
  const [kind, setKind] = useState<string | null>(null);
  const [sort, setSort] = useState('name');
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [members, setMembers] = useState<Team | null>(null);
  const list = useCursorList<Team>('/teams', { q: search, kind, sort });
  const filtered = Boolean(search || kind);
  const createButton = <Button onClick={() => setEditing('new')}>{t('setup.teams.newTeam')}</Button>;
  return (
    <>
      <PageHeader title={t('setup.teams.title')} description={t('setup.teams.description')} />
      <Stack>
        <OrgModelCard />
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="md" align="flex-end">
            <Group align="flex-end">
              <Title order={2} size="h4">
                {t('setup.teams.teams')}
              </Title>
              <SearchField
                placeholder={t('setup.teams.searchPlaceholder')}
                value={q}
                onChange={setQ}
                w={240}
              />
              <Select
                label={t('setup.teams.kind')}
                placeholder={t('common.all')}
                clearable
                data={KINDS.map((k) => ({ value: k, label: t(`setup.teams.kinds.${k}`) }))}
                value={kind}
                onChange={setKind}
                w={180}
              />
            </Group>
            {createButton}
          </Group>
          <CursorListBody
            list={list}
            empty={
              <ListEmpty
                filtered={filtered}
                title={t('setup.teams.emptyTitle')}
                hint={t('setup.teams.emptyHint')}
                filteredTitle={t('setup.teams.emptyFilteredTitle')}
                filteredHint={t('setup.teams.emptyFilteredHint')}
                action={createButton}
              />
            }
          >
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm" highlightOnHover data-testid="teams-table">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh field="name" sort={sort} onSort={setSort}>
                      {t('setup.teams.name')}
                    </SortableTh>
                    <Table.Th>{t('setup.teams.kind')}</Table.Th>
                    <Table.Th>{t('setup.teams.function')}</Table.Th>
                    <Table.Th>{t('setup.teams.segment')}</Table.Th>
                    <ActionsTh />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.items.map((team) => (
                    <Table.Tr key={team.id}>
                      <Table.Td fw={500}>{team.name}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={team.kind === 'pod' ? 'grape' : team.kind === 'function' ? 'indigo' : 'teal'}
                        >
                          {t(`setup.teams.kinds.${team.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{team.function ? t(`roles.${team.function}`) : t('common.none')}</Table.Td>
                      <Table.Td>
                        {team.kind === 'pod' ? <SegmentSummary rule={team.segmentRule} /> : t('common.none')}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="light"
                            onClick={() => setMembers(team)}
                            aria-label={`${t('setup.teams.members')}: ${team.name}`}
                          >
                            {t('setup.teams.members')}
                          </Button>
                          <EditButton name={team.name} onClick={() => setEditing(team)} />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </CursorListBody>
        </Paper>
      </Stack>
      {editing ? (
        <TeamForm team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {members ? <TeamMembers team={members} onClose={() => setMembers(null)} /> : null}
    </>
  );
}
