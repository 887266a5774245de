import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import {
  LIFECYCLES,
  type Lifecycle,
  type LifecycleDefinition,
  type StageDefinition,
  type StagesReply,
} from './api.ts';
import { DwellChart } from './dwell-chart.tsx';
import { StageIssues, stageIssuesOf } from './stage-issues.tsx';
import { type StagePatch, StageTable, stageLabel } from './stage-table.tsx';

const isLifecycle = (v: string | null): v is Lifecycle => LIFECYCLES.includes(v as Lifecycle);

function newStage(stages: StageDefinition[]): StageDefinition {
  const order = Math.max(0, ...stages.map((s) => s.order)) + 10;
  return {
    key: `stage_${stages.length + 1}`,
    labelJa: '',
    labelEn: '',
    order,
    type: 'inventory',
    maxDwellHours: null,
    owningRole: null,
    path: 'success',
    transitions: [],
    isRecycle: false,
    handoff: null,
  };
}

/** Orders follow the rows' positions, keeping the gaps of ten the defaults use. */
const renumber = (stages: StageDefinition[]) => stages.map((s, i) => ({ ...s, order: (i + 1) * 10 }));

export default function StagesPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const lifecycle: Lifecycle = isLifecycle(params.get('lifecycle'))
    ? (params.get('lifecycle') as Lifecycle)
    : 'lead';
  const key = ['/stages', lifecycle];
  const query = useQuery({ queryKey: key, queryFn: () => api<StagesReply>(`/stages/${lifecycle}`) });
  const [draft, setDraft] = useState<LifecycleDefinition | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  useEffect(() => {
    setDraft(query.data ? structuredClone(query.data.definition) : null);
  }, [query.data]);
  const save = useMutation({
    mutationFn: (def: LifecycleDefinition) =>
      api<StagesReply>(`/stages/${lifecycle}`, { method: 'PUT', body: def }),
    onSuccess: (saved) => {
      setSavedVersion(saved.version);
      client.setQueryData(key, saved);
    },
  });
  const saved = query.data?.definition;
  const dirty = useMemo(
    () => Boolean(draft && saved && JSON.stringify(draft) !== JSON.stringify(saved)),
    [draft, saved],
  );
  const savedKeys = useMemo(() => new Set(saved?.stages.map((s) => s.key)), [saved]);
  const issues = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const issue of stageIssuesOf(save.error)) {
      if (issue.index !== null) map.set(issue.index, [...(map.get(issue.index) ?? []), issue.message]);
    }
    return map;
  }, [save.error]);

  const update = (change: (stages: StageDefinition[]) => StageDefinition[]) => {
    setSavedVersion(null);
    setDraft((d) => (d ? { ...d, stages: change(d.stages) } : d));
  };
  const patch = (index: number, p: StagePatch) =>
    update((stages) => stages.map((s, i) => (i === index ? { ...s, ...p } : s)));
  const move = (index: number, by: -1 | 1) =>
    update((stages) => {
      const next = [...stages];
      const [taken] = next.splice(index, 1);
      if (taken) next.splice(index + by, 0, taken);
      return renumber(next);
    });
  // A removed stage leaves no transitions pointing at it; whether records still sit in it is the API's call.
  const remove = (index: number) =>
    update((stages) => {
      const gone = stages[index]?.key;
      return stages
        .filter((_, i) => i !== index)
        .map((s) => ({ ...s, transitions: s.transitions.filter((k) => k !== gone) }));
    });
  const switchLifecycle = (v: string) => {
    save.reset();
    setSavedVersion(null);
    setParams({ lifecycle: v });
  };

  const stages = draft?.stages ?? [];
  const stageOptions = stages.map((s) => ({ value: s.key, label: stageLabel(s, i18n.language) }));
  return (
    <>
      <PageHeader title={t('setup.stages.title')} description={t('setup.stages.description')} />
      <Stack>
        <Group>
          <SegmentedControl
            aria-label={t('setup.stages.lifecycleLabel')}
            value={lifecycle}
            onChange={switchLifecycle}
            data={LIFECYCLES.map((l) => ({ value: l, label: t(`setup.stages.lifecycles.${l}`) }))}
          />
          {query.data ? (
            <Badge size="lg" variant="light" data-testid="stages-version">
              {t('setup.stages.version', { version: query.data.version })}
            </Badge>
          ) : null}
        </Group>
        {query.isPending ? (
          <PageLoader />
        ) : query.error ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : draft ? (
          <>
            <Paper withBorder p="md" radius="md">
              <Group justify="space-between" mb="sm" align="flex-end">
                <Group align="flex-end">
                  <Select
                    label={t('setup.stages.initial')}
                    data={stageOptions}
                    value={draft.initial}
                    allowDeselect={false}
                    onChange={(v) => v && setDraft({ ...draft, initial: v })}
                    w={200}
                  />
                  <Select
                    label={t('setup.stages.entry')}
                    data={stageOptions}
                    value={draft.entry}
                    allowDeselect={false}
                    onChange={(v) => v && setDraft({ ...draft, entry: v })}
                    w={200}
                  />
                </Group>
                <Text size="sm" c="dimmed">
                  {t('setup.stages.counts', {
                    stages: stages.length,
                    sla: stages.filter((s) => s.type === 'sla').length,
                    handoffs: stages.filter((s) => s.handoff).length,
                  })}
                </Text>
              </Group>
              <StageTable
                stages={stages}
                savedKeys={savedKeys}
                issues={issues}
                onChange={patch}
                onMove={move}
                onRemove={remove}
              />
              <Group justify="space-between" mt="md">
                <Button variant="default" onClick={() => update((s) => [...s, newStage(s)])}>
                  {t('setup.stages.addStage')}
                </Button>
                <Group>
                  {dirty ? (
                    <Text size="sm" c="orange" aria-live="polite">
                      {t('setup.stages.unsaved')}
                    </Text>
                  ) : null}
                  <Button
                    variant="default"
                    disabled={!dirty}
                    onClick={() => {
                      save.reset();
                      setDraft(saved ? structuredClone(saved) : null);
                    }}
                  >
                    {t('setup.stages.discard')}
                  </Button>
                  <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(draft)}>
                    {t('setup.stages.save', { version: (query.data?.version ?? 0) + 1 })}
                  </Button>
                </Group>
              </Group>
            </Paper>
            {save.error ? (
              <StageIssues error={save.error} draft={stages} saved={saved?.stages ?? []} />
            ) : null}
            {savedVersion !== null && !dirty ? (
              <Alert color="green" variant="light" role="status" data-testid="stages-saved">
                {t('setup.stages.saved', { version: savedVersion })}
              </Alert>
            ) : null}
            <DwellChart stages={stages} />
          </>
        ) : null}
      </Stack>
    </>
  );
}
