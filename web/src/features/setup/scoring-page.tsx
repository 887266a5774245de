import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { ScoringPreview, ScoringReply, ScoringRules } from './api.ts';
import { EngagementRulesTable } from './engagement-rules-table.tsx';
import { FitRulesTable } from './fit-rules-table.tsx';
import { RecomputeProgress } from './recompute-progress.tsx';
import { ScoringMqlCard } from './scoring-mql-card.tsx';
import { ScoringPreviewPanel } from './scoring-preview.tsx';

const RULES_KEY = ['/scoring/rules'];

export default function ScoringPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const query = useQuery({ queryKey: RULES_KEY, queryFn: () => api<ScoringReply>('/scoring/rules') });
  const [draft, setDraft] = useState<ScoringRules | null>(null);
  const [job, setJob] = useState<{ id: string; version: number } | null>(null);
  useEffect(() => {
    setDraft(query.data ? structuredClone(query.data.rules) : null);
  }, [query.data]);

  const preview = useMutation({
    mutationFn: (rules: ScoringRules) =>
      api<ScoringPreview>('/scoring/preview', { method: 'POST', body: { rules } }),
  });
  const previewed = preview.variables ? JSON.stringify(preview.variables) : null;
  const previewHost = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (preview.data) previewHost.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [preview.data]);
  const save = useMutation({
    mutationFn: (rules: ScoringRules) =>
      api<{ version: number; recomputeJobId: string | null }>('/scoring/rules', {
        method: 'PUT',
        body: { expectedVersion: query.data?.version, rules, recompute: 'background' },
      }),
    onSuccess: async (saved) => {
      if (saved.recomputeJobId) setJob({ id: saved.recomputeJobId, version: saved.version });
      preview.reset();
      await client.invalidateQueries({ queryKey: RULES_KEY });
    },
  });

  const current = draft ? JSON.stringify(draft) : null;
  const dirty = Boolean(query.data && current !== JSON.stringify(query.data.rules));
  const previewFresh = dirty && preview.isSuccess && previewed === current;
  const edit = (rules: ScoringRules) => {
    save.reset();
    setDraft(rules);
  };

  return (
    <>
      <PageHeader
        title={t('setup.scoring.title')}
        description={t('setup.scoring.description')}
        actions={
          query.data ? (
            <Badge size="lg" variant="light" data-testid="scoring-version">
              {t('setup.scoring.version', {
                version: query.data.version,
                date: fmt.date(query.data.createdAt),
              })}
            </Badge>
          ) : null
        }
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : draft ? (
        <Stack>
          {job ? <RecomputeProgress jobId={job.id} version={job.version} /> : null}
          <ScoringMqlCard rules={draft} onChange={edit} />
          <FitRulesTable rules={draft.fit} onChange={(fit) => edit({ ...draft, fit })} />
          <EngagementRulesTable
            rules={draft.engagement}
            onChange={(engagement) => edit({ ...draft, engagement })}
          />
          <Paper
            withBorder
            p="md"
            radius="md"
            pos="sticky"
            bottom={0}
            style={{ zIndex: 5, boxShadow: 'var(--mantine-shadow-md)' }}
          >
            <Group justify="space-between">
              <Text size="sm" c={dirty ? 'orange' : 'dimmed'} aria-live="polite">
                {!dirty
                  ? t('setup.scoring.noDraftChanges')
                  : previewFresh
                    ? ''
                    : preview.isSuccess
                      ? t('setup.scoring.previewStale')
                      : t('setup.scoring.previewNeeded')}
              </Text>
              <Group>
                <Button
                  variant="default"
                  disabled={!dirty}
                  onClick={() => {
                    preview.reset();
                    save.reset();
                    setDraft(query.data ? structuredClone(query.data.rules) : null);
                  }}
                >
                  {t('setup.scoring.discard')}
                </Button>
                <Button
                  variant="light"
                  disabled={!dirty}
                  loading={preview.isPending}
                  onClick={() => preview.mutate(draft)}
                >
                  {t('setup.scoring.preview')}
                </Button>
                <Button disabled={!previewFresh} loading={save.isPending} onClick={() => save.mutate(draft)}>
                  {t('setup.scoring.save')}
                </Button>
              </Group>
            </Group>
          </Paper>
          {preview.error ? <ErrorState error={preview.error} /> : null}
          {save.error ? <ErrorState error={save.error} onRetry={() => void query.refetch()} /> : null}
          <div ref={previewHost}>
            {preview.data && previewed === current ? <ScoringPreviewPanel preview={preview.data} /> : null}
          </div>
          {save.data && !dirty ? (
            <Alert color="green" variant="light" role="status" data-testid="scoring-saved">
              {t('setup.scoring.savedVersion', { version: save.data.version })}
            </Alert>
          ) : null}
        </Stack>
      ) : null}
    </>
  );
}
