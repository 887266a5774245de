import { Badge, Button, Paper, Select, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorListBody, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { ListEmpty } from '../../app/query-state.tsx';
import { ActionsTh, EditButton } from '../../app/table-parts.tsx';
import { CAMPAIGN_STATUSES, type Campaign, CHANNELS } from './api.ts';
import { CampaignForm } from './campaign-form.tsx';

const STATUS_COLORS: Record<Campaign['status'], string> = {
  planned: 'gray',
  active: 'green',
  completed: 'indigo',
  cancelled: 'red',
};

export default function CampaignsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { q, setQ, search } = useListSearch();
  const [channel, setChannel] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [sort, setSort] = useState('-createdAt');
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const list = useCursorList<Campaign>('/campaigns', { q: search, channel, status, sort });
  const filtered = Boolean(search || channel || status);

  const period = (c: Campaign) =>
    c.startsOn || c.endsOn
      ? `${c.startsOn ? fmt.calendarDate(c.startsOn) : ''} – ${c.endsOn ? fmt.calendarDate(c.endsOn) : ''}`
      : t('common.none');

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.description')}
        actions={<Button onClick={() => setEditing('new')}>{t('campaigns.new')}</Button>}
      />
      <Paper withBorder p="md" radius="md">
        <ListToolbar>
          <SearchField placeholder={t('campaigns.searchPlaceholder')} value={q} onChange={setQ} />
          <Select
            label={t('campaigns.channel')}
            placeholder={t('common.all')}
            clearable
            data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
            value={channel}
            onChange={setChannel}
            w={180}
          />
          <Select
            label={t('campaigns.status')}
            placeholder={t('common.all')}
            clearable
            data={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaignStatuses.${s}`) }))}
            value={status}
            onChange={setStatus}
            w={160}
          />
        </ListToolbar>
        <CursorListBody
          list={list}
          empty={
            <ListEmpty
              filtered={filtered}
              title={t('campaigns.emptyTitle')}
              hint={t('campaigns.emptyHint')}
              filteredTitle={t('campaigns.emptyFilteredTitle')}
              filteredHint={t('campaigns.emptyFilteredHint')}
              action={<Button onClick={() => setEditing('new')}>{t('campaigns.new')}</Button>}
            />
          }
        >
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="campaigns-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="name" sort={sort} onSort={setSort}>
                    {t('campaigns.name')}
                  </SortableTh>
                  <Table.Th>{t('campaigns.channel')}</Table.Th>
                  <Table.Th>{t('campaigns.status')}</Table.Th>
                  <Table.Th>{t('campaigns.period')}</Table.Th>
                  <SortableTh field="cost" sort={sort} onSort={setSort} align="right">
                    {t('campaigns.cost')}
                  </SortableTh>
                  <SortableTh field="createdAt" sort={sort} onSort={setSort}>
                    {t('campaigns.createdAt')}
                  </SortableTh>
                  <ActionsTh />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td fw={500}>{c.name}</Table.Td>
                    <Table.Td>{t(`channels.${c.channel}`)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[c.status]}>
                        {t(`campaignStatuses.${c.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{period(c)}</Table.Td>
                    <Table.Td className="num">{fmt.money(c.cost)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(c.createdAt)}</Table.Td>
                    <Table.Td>
                      <EditButton name={c.name} onClick={() => setEditing(c)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </CursorListBody>
      </Paper>
      {editing ? (
        <CampaignForm campaign={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}
