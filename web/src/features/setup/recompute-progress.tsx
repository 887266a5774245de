import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { RecomputeJob } from './api.ts';

/** Follows the recompute job a save queued until it is done or failed. */
export function RecomputeProgress({ jobId, version }: { jobId: string; version: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const job = useQuery({
    queryKey: ['/scoring/recompute-jobs', jobId],
    queryFn: () => api<RecomputeJob>(`/scoring/recompute-jobs/${jobId}`),
    refetchInterval: (q) =>
      q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : 700,
  });
  if (job.error) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  const share = j && j.total > 0 ? j.done / j.total : 0;
  const color = j?.status === 'failed' ? 'red' : j?.status === 'done' ? 'green' : 'indigo';
  return (
    <Alert
      color={color}
      variant="light"
      title={t('setup.scoring.recompute.title', { version })}
      data-testid="recompute"
    >
      <Stack gap="xs">
        <Progress
          value={j?.status === 'done' ? 100 : share * 100}
          animated={j?.status !== 'done' && j?.status !== 'failed'}
          color={color}
          aria-label={t('setup.scoring.recompute.title', { version })}
        />
        <Text size="sm" aria-live="polite" data-testid="recompute-status">
          {!j || j.status === 'queued'
            ? t('setup.scoring.recompute.queued')
            : j.status === 'running'
              ? t('setup.scoring.recompute.running', { done: fmt.number(j.done), total: fmt.number(j.total) })
              : j.status === 'done'
                ? t('setup.scoring.recompute.done', { total: fmt.number(j.total), mqls: fmt.number(j.mqls) })
                : t('setup.scoring.recompute.failed', { error: j.lastError ?? '' })}
        </Text>
      </Stack>
    </Alert>
  );
}
