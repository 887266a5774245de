import { Anchor, Paper, Select, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CursorListBody, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ListToolbar, SearchField } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { ListEmpty } from '../../app/query-state.tsx';
import { LEAD_STAGES, type Person, personName, SOURCES } from './api.ts';
import { StageBadge } from './stage-badge.tsx';

export default function LeadsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  // Filters live in the URL so a filtered list can be shared and survives "back".
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [search] = useDebouncedValue(q, 250);
  const stage = params.get('stage');
  const source = params.get('source');
  const sort = params.get('sort') ?? '-createdAt';
  const update = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const list = useCursorList<Person>('/people', { q: search, lifecycleStage: stage, source, sort });
  const filtered = Boolean(search || stage || source);

  return (
    <>
      <PageHeader title={t('people.title')} description={t('people.description')} />
      <Paper withBorder p="md" radius="md">
        <ListToolbar>
          <SearchField
            placeholder={t('people.searchPlaceholder')}
            value={q}
            onChange={(v) => update('q', v)}
            w={300}
          />
          <Select
            label={t('people.stage')}
            placeholder={t('common.all')}
            clearable
            data={LEAD_STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
            value={stage}
            onChange={(v) => update('stage', v)}
            w={180}
            data-testid="stage-filter"
          />
          <Select
            label={t('people.source')}
            placeholder={t('common.all')}
            clearable
            data={SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
            value={source}
            onChange={(v) => update('source', v)}
            w={180}
          />
        </ListToolbar>
        <CursorListBody
          list={list}
          empty={
            <ListEmpty
              filtered={filtered}
              title={t('people.emptyTitle')}
              hint={t('people.emptyHint')}
              filteredTitle={t('people.emptyFilteredTitle')}
              filteredHint={t('people.emptyFilteredHint')}
            />
          }
        >
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing="xs" data-testid="leads-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="lastName" sort={sort} onSort={(s) => update('sort', s)}>
                    {t('people.name')}
                  </SortableTh>
                  <SortableTh field="email" sort={sort} onSort={(s) => update('sort', s)}>
                    {t('people.email')}
                  </SortableTh>
                  <Table.Th>{t('people.title_')}</Table.Th>
                  <Table.Th>{t('people.stage')}</Table.Th>
                  <Table.Th>{t('people.source')}</Table.Th>
                  <SortableTh field="stageEnteredAt" sort={sort} onSort={(s) => update('sort', s)}>
                    {t('people.stageEnteredAt')}
                  </SortableTh>
                  <SortableTh field="createdAt" sort={sort} onSort={(s) => update('sort', s)}>
                    {t('people.createdAt')}
                  </SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/marketing/leads/${p.id}`} fw={500} size="sm">
                        {personName(p) || t('people.unnamed')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {p.email ?? p.phone ?? t('common.none')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {[p.department, p.title].filter(Boolean).join(' ') || t('common.none')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StageBadge stage={p.lifecycleStage} />
                    </Table.Td>
                    <Table.Td>{p.source ? t(`sources.${p.source}`) : t('common.none')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(p.stageEnteredAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(p.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </CursorListBody>
      </Paper>
    </>
  );
}
