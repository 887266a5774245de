import { Button, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from './api.ts';
import { ErrorState, PageLoader } from './query-state.tsx';

type Params = Record<string, string | number | undefined | null>;

/** A cursor-paginated list of the API: pages are appended by "load more". */
export function useCursorList<T>(path: string, params: Params, limit = 50) {
  const query = useInfiniteQuery({
    queryKey: [path, 'list', params],
    queryFn: ({ pageParam }) => api<Page<T>>(path, { query: { ...params, limit, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

/** "Showing N" and the button for the next page. */
export function LoadMore({
  count,
  hasMore,
  loading,
  onMore,
}: {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="list-count">
        {t('common.showing', { count })}
        {hasMore ? ` · ${t('common.more')}` : ''}
      </Text>
      {hasMore ? (
        <Button variant="default" onClick={onMore} loading={loading}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Group>
  );
}

/** A column header that sorts the list by `field`; a second click reverses it (`-field`). */
export function SortableTh({
  field,
  sort,
  onSort,
  children,
  align,
}: {
  field: string;
  sort: string;
  onSort: (sort: string) => void;
  children: ReactNode;
  align?: 'right';
}) {
  const { t } = useTranslation();
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const next = active && !descending ? `-${field}` : field;
  return (
    <Table.Th
      aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
      style={align ? { textAlign: align } : undefined}
    >
      <UnstyledButton
        onClick={() => onSort(next)}
        title={next.startsWith('-') ? t('common.sortDescending') : t('common.sortAscending')}
        fw={600}
        fz="sm"
      >
        {children}
        <Text span c={active ? 'indigo' : 'gray.5'} ml={4} aria-hidden>
          {active ? (descending ? '▼' : '▲') : '↕'}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}

/** What a cursor list shows below its toolbar: loading, the error, `empty`, or the rows with "load more". */
export function CursorListBody({
  list,
  empty,
  children,
}: {
  list: Pick<
    ReturnType<typeof useCursorList<unknown>>,
    'isPending' | 'error' | 'items' | 'refetch' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'
  >;
  /** Shown when the list has no items (say whether filters hide them). */
  empty: ReactNode;
  children: ReactNode;
}) {
  if (list.isPending) return <PageLoader />;
  if (list.error && list.items.length === 0)
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) return empty;
  return (
    <>
      {children}
      {list.error ? <ErrorState error={list.error} /> : null}
      <LoadMore
        count={list.items.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
