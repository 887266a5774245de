import { Button, Group, Paper, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { useSession } from '../../app/session.tsx';
import { type Card, fetchBoard, fetchSettings, laterPhases, OPEN_PHASES, pipelineKeys } from './api.ts';
import { BoardColumn } from './board-column.tsx';
import { BoardFilterBar, useBoardFilters } from './board-filters.tsx';
import { todayIn } from './opportunity-card.tsx';
import { usePhaseMove } from './phase-move.tsx';

export default function PipelinePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { workspace } = useSession();
  const filterState = useBoardFilters();
  const { filters } = filterState;
  const board = useQuery({
    queryKey: [...pipelineKeys.board, filters],
    queryFn: () => fetchBoard(filters),
    placeholderData: keepPreviousData,
  });
  const settings = useQuery({ queryKey: pipelineKeys.settings, queryFn: fetchSettings, staleTime: 300_000 });
  const mover = usePhaseMove();
  const [dragging, setDragging] = useState<Card | null>(null);
  const today = todayIn(workspace.timeZone);
  const totals = (phase: string) => board.data?.columns.find((c) => c.phase === phase);
  const openCount = OPEN_PHASES.reduce((n, p) => n + (totals(p)?.count ?? 0), 0);
  const won = totals('won');
  const lost = totals('lost');

  return (
    <>
      <PageHeader
        title={t('fieldSales.pipeline.title')}
        description={t('fieldSales.pipeline.description')}
        actions={
          <>
            <Button component={Link} to="/field-sales/hygiene" variant="default">
              {t('fieldSales.pipeline.linkHygiene')}
            </Button>
            <Button component={Link} to="/field-sales/forecast" variant="default">
              {t('fieldSales.pipeline.linkForecast')}
            </Button>
          </>
        }
      />
      <BoardFilterBar state={filterState} />
      {mover.noticeBar}
      {board.isPending ? (
        <PageLoader />
      ) : board.error && !board.data ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <>
          <Group justify="space-between" mb="xs">
            <Text size="sm" c="dimmed" data-testid="closed-summary">
              {t('fieldSales.pipeline.closedSummary', {
                won: fmt.number(won?.count ?? 0),
                wonMrr: fmt.money(won?.amountMrr ?? 0),
                lost: fmt.number(lost?.count ?? 0),
              })}
            </Text>
          </Group>
          {openCount === 0 ? (
            <Paper withBorder radius="md" mb="md">
              <EmptyState
                title={t('fieldSales.pipeline.emptyTitle')}
                hint={t('fieldSales.pipeline.emptyHint')}
              />
            </Paper>
          ) : null}
          <Group
            align="flex-start"
            gap="sm"
            wrap="nowrap"
            style={{ overflowX: 'auto' }}
            pb="sm"
            data-testid="pipeline-board"
          >
            {OPEN_PHASES.map((phase) => (
              <BoardColumn
                key={phase}
                phase={phase}
                totals={totals(phase)}
                filters={filters}
                sort={filterState.sort}
                norm={settings.data?.settings.phaseNormDays[phase]}
                today={today}
                dragging={
                  dragging ? { card: dragging, canDrop: laterPhases(dragging.phase).includes(phase) } : null
                }
                pendingId={mover.pendingId}
                onDragging={setDragging}
                onMove={mover.request}
              />
            ))}
          </Group>
        </>
      )}
      {mover.dialogs}
    </>
  );
}
