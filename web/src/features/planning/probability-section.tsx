import {
  Alert,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  RingProgress,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { PlanRequest, PlanSimulation } from './api.ts';
import { HistogramChart } from './histogram-chart.tsx';
import { usePlanFormat } from './plan-format.ts';

const RUNS = [1_000, 10_000, 100_000];

/** Probability of plan: a seeded Monte Carlo over the measured rates, run on demand. */
export function ProbabilitySection({
  request,
  disabled,
}: {
  request: PlanRequest | null;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const [runs, setRuns] = useState(10_000);
  const [seed, setSeed] = useState<number>(1);
  const simulate = useMutation({
    mutationFn: async (body: PlanRequest) => ({
      for: JSON.stringify(body),
      result: await api<PlanSimulation>('/plan/simulate', { method: 'POST', body: { ...body, runs, seed } }),
    }),
  });
  const result = simulate.data?.result;
  const outdated = simulate.data !== undefined && simulate.data.for !== JSON.stringify(request);
  const hit = result?.probabilityOfHit ?? 0;
  const color = hit >= 0.7 ? 'teal' : hit >= 0.4 ? 'yellow' : 'red';

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="probability-title">
      <Title order={2} size="h4" id="probability-title">
        {t('planning.probability.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('planning.probability.hint')}
      </Text>
      <Group align="flex-end" gap="sm" mb="md">
        <Select
          label={t('planning.probability.runs')}
          allowDeselect={false}
          data={RUNS.map((r) => ({ value: String(r), label: fmt.number(r) }))}
          value={String(runs)}
          onChange={(v) => v && setRuns(Number(v))}
          w={140}
        />
        <NumberInput
          label={t('planning.probability.seed')}
          allowDecimal={false}
          value={seed}
          onChange={(v) => typeof v === 'number' && setSeed(v)}
          w={110}
        />
        <Button
          onClick={() => request && simulate.mutate(request)}
          loading={simulate.isPending}
          disabled={disabled || !request}
        >
          {t('planning.probability.run')}
        </Button>
      </Group>
      {simulate.error ? <ErrorState error={simulate.error} /> : null}
      {outdated ? (
        <Alert color="yellow" variant="light" mb="sm">
          {t('planning.probability.outdated')}
        </Alert>
      ) : null}
      {result ? (
        <Grid data-testid="probability-result" style={{ opacity: outdated ? 0.6 : 1 }}>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Group gap="md" wrap="nowrap">
              <RingProgress
                size={120}
                thickness={12}
                roundCaps
                sections={[{ value: hit * 100, color }]}
                label={
                  <Text ta="center" fw={700} size="lg" data-testid="probability-hit">
                    {fmt.percent(hit)}
                  </Text>
                }
              />
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {t('planning.probability.hit', { target: fmt.money(result.target) })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('planning.probability.runsDone', { runs: fmt.number(result.runs), seed: result.seed })}
                </Text>
              </Stack>
            </Group>
            <Stack gap={4} mt="md" data-testid="probability-percentiles">
              {(['p10', 'p50', 'p90', 'mean'] as const).map((k) => (
                <Group key={k} justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t(`planning.probability.${k}`)}
                  </Text>
                  <Text size="sm" fw={600} className="num">
                    {fmt.money(result[k])}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <HistogramChart result={result} />
          </Grid.Col>
        </Grid>
      ) : !simulate.isPending ? (
        <Text size="sm" c="dimmed" data-testid="probability-empty">
          {t('planning.probability.empty')}
        </Text>
      ) : null}
    </Paper>
  );
}
