import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import { fetchStageHistory, pipelineKeys } from './api.ts';
import { useDirectory } from './directory.ts';
import { useLabels } from './labels.ts';

/** Every phase change of a deal, newest first, with who moved it and why. */
export function StageHistory({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useLabels();
  const directory = useDirectory();
  const history = useQuery({
    queryKey: pipelineKeys.history(opportunityId),
    queryFn: () => fetchStageHistory(opportunityId),
  });
  const rows = [...(history.data?.items ?? [])].reverse();
  const none = t('common.none');

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="md">
        {t('fieldSales.opportunity.history')}
      </Title>
      {history.isPending ? (
        <PageLoader />
      ) : history.error ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('fieldSales.opportunity.noHistory')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" data-testid="stage-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fieldSales.opportunity.historyAt')}</Table.Th>
                <Table.Th>{t('fieldSales.opportunity.historyMove')}</Table.Th>
                <Table.Th>{t('fieldSales.opportunity.historyBy')}</Table.Th>
                <Table.Th>{t('fieldSales.opportunity.historyReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(row.at)}</Table.Td>
                  <Table.Td>
                    {row.fromStage
                      ? `${labels.phase(row.fromStage)} → ${labels.phase(row.toStage)}`
                      : t('fieldSales.opportunity.historyEntered', { to: labels.phase(row.toStage) })}
                    {row.skipped ? (
                      <Badge size="xs" variant="light" color="gray" ml={6} tt="none">
                        {t('fieldSales.opportunity.skipped')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{directory.userName(row.actorUserId) ?? none}</Table.Td>
                  <Table.Td>{row.reason ?? none}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
