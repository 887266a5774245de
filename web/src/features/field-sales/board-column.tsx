import { Button, Center, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import {
  type BoardColumnTotals,
  type BoardFilters,
  type Card,
  fetchCards,
  type OpenPhase,
  type Phase,
  pipelineKeys,
} from './api.ts';
import { useLabels } from './labels.ts';
import { OpportunityCard } from './opportunity-card.tsx';

/** One phase of the board: its totals, its cards (paged by close date) and a drop target for later moves. */
export function BoardColumn({
  phase,
  totals,
  filters,
  sort,
  norm,
  today,
  dragging,
  pendingId,
  onDragging,
  onMove,
}: {
  phase: OpenPhase;
  totals: BoardColumnTotals | undefined;
  filters: BoardFilters;
  sort: string;
  norm: number | undefined;
  today: string;
  /** The card being dragged, and whether this column is later than its phase. */
  dragging: { card: Card; canDrop: boolean } | null;
  pendingId: string | null;
  onDragging: (card: Card | null) => void;
  onMove: (card: Card, to: Phase) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useLabels();
  const [over, setOver] = useState(false);
  const cards = useInfiniteQuery({
    queryKey: [...pipelineKeys.cards, filters, phase, sort],
    queryFn: ({ pageParam }) => fetchCards(filters, phase, sort, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = cards.data?.pages.flatMap((p) => p.items) ?? [];
  const canDrop = Boolean(dragging?.canDrop);
  const name = labels.phase(phase);
  const count = totals?.count ?? 0;

  return (
    <Paper
      component="section"
      aria-labelledby={`column-${phase}`}
      withBorder
      radius="md"
      p="sm"
      bg={over && canDrop ? 'indigo.0' : 'gray.0'}
      style={{
        minWidth: 200,
        flex: '1 1 0',
        outline: canDrop ? '2px dashed var(--mantine-color-indigo-4)' : undefined,
      }}
      data-testid={`column-${phase}`}
      onDragOver={(e) => {
        if (!canDrop) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (dragging?.canDrop) onMove(dragging.card, phase);
        onDragging(null);
      }}
    >
      <Stack gap={2} mb="sm">
        <Title order={2} size="h5" id={`column-${phase}`}>
          {name}
        </Title>
        <Text
          size="xs"
          c="dimmed"
          data-testid={`column-totals-${phase}`}
          aria-label={t('fieldSales.pipeline.columnTotals', {
            phase: name,
            count,
            mrr: fmt.money(totals?.amountMrr ?? 0),
            weighted: fmt.money(totals?.weighted ?? 0),
          })}
        >
          {t('fieldSales.pipeline.count', { count })} · {fmt.money(totals?.amountMrr ?? 0)}
          <br />
          {t('fieldSales.pipeline.weighted')} {fmt.money(totals?.weighted ?? 0)}
        </Text>
      </Stack>
      {canDrop ? (
        <Text size="xs" c="indigo" mb="xs">
          {t('fieldSales.pipeline.dropHere', { phase: name })}
        </Text>
      ) : null}
      <ScrollArea.Autosize mah="calc(100vh - 330px)" type="auto" offsetScrollbars="y" scrollbars="y">
        <Stack gap="xs">
          {cards.isPending ? (
            <Center py="md">
              <Loader size="sm" aria-label={t('common.loading')} />
            </Center>
          ) : cards.error && items.length === 0 ? (
            <ErrorState error={cards.error} onRetry={() => void cards.refetch()} />
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="md">
              {t('fieldSales.pipeline.emptyColumn')}
            </Text>
          ) : (
            items.map((card) => (
              <OpportunityCard
                key={card.id}
                card={card}
                norm={norm}
                today={today}
                busy={pendingId === card.id}
                onMove={(to) => onMove(card, to)}
                onDragStart={() => onDragging(card)}
                onDragEnd={() => onDragging(null)}
              />
            ))
          )}
          {cards.hasNextPage ? (
            <Button
              variant="default"
              size="xs"
              onClick={() => void cards.fetchNextPage()}
              loading={cards.isFetchingNextPage}
            >
              {t('common.loadMore')} ({items.length} / {count})
            </Button>
          ) : null}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
