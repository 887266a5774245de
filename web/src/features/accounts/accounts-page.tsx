import { Anchor, Paper, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CursorListBody, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ListToolbar, SearchField } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { ListEmpty } from '../../app/query-state.tsx';
import type { Account } from './api.ts';
import { CustomerStage } from './customer-stage.tsx';

export default function AccountsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [search] = useDebouncedValue(q, 250);
  const sort = params.get('sort') ?? 'name';
  const update = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const list = useCursorList<Account>('/accounts', { q: search, sort });
  const none = t('common.none');

  return (
    <>
      <PageHeader title={t('accounts.title')} description={t('accounts.description')} />
      <Paper withBorder p="md" radius="md">
        <ListToolbar>
          <SearchField
            placeholder={t('accounts.searchPlaceholder')}
            value={q}
            onChange={(v) => update('q', v)}
            w={300}
          />
        </ListToolbar>
        <CursorListBody
          list={list}
          empty={
            <ListEmpty
              filtered={Boolean(search)}
              title={t('accounts.emptyTitle')}
              hint={t('accounts.emptyHint')}
              filteredTitle={t('accounts.emptyFilteredTitle')}
              filteredHint={t('accounts.emptyFilteredHint')}
            />
          }
        >
          <Table.ScrollContainer minWidth={860}>
            <Table highlightOnHover verticalSpacing="xs" data-testid="accounts-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="name" sort={sort} onSort={(s) => update('sort', s)}>
                    {t('accounts.name')}
                  </SortableTh>
                  <Table.Th>{t('accounts.domain')}</Table.Th>
                  <Table.Th>{t('accounts.industry')}</Table.Th>
                  <SortableTh
                    field="employeeCount"
                    sort={sort}
                    onSort={(s) => update('sort', s)}
                    align="right"
                  >
                    {t('accounts.employees')}
                  </SortableTh>
                  <Table.Th>{t('accounts.region')}</Table.Th>
                  <Table.Th>{t('accounts.customerStage')}</Table.Th>
                  <SortableTh field="createdAt" sort={sort} onSort={(s) => update('sort', s)}>
                    {t('accounts.createdAt')}
                  </SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/accounts/${a.id}`} fw={500} size="sm">
                        {a.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {a.domain ?? none}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.industry ?? none}</Table.Td>
                    <Table.Td className="num">
                      {a.employeeCount === null ? none : fmt.number(a.employeeCount)}
                    </Table.Td>
                    <Table.Td>{a.region ?? none}</Table.Td>
                    <Table.Td>
                      <CustomerStage stage={a.customerStage} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(a.createdAt)}</Table.Td>
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
