import { Alert, Button, Grid, Group, Loader, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, PageLoader } from '../../app/query-state.tsx';
import { useSession } from '../../app/session.tsx';
import { type PlanRequest, type Scenario, sliceOfScope } from './api.ts';
import { type FlatOverrides, toOverrides } from './assumption-fields.ts';
import { AssumptionsPanel } from './assumptions-panel.tsx';
import { CapacitySection } from './capacity-section.tsx';
import { LeversSection } from './levers-section.tsx';
import { PlanError } from './plan-error.tsx';
import { ProbabilitySection } from './probability-section.tsx';
import { SavedNotice, SaveScenarioDialog } from './save-scenario.tsx';
import { fiscalYearOf, type TargetDraft, TargetForm } from './target-form.tsx';
import { usePlan } from './use-plan.ts';
import { WaterfallSection } from './waterfall-section.tsx';

function parseOverrides(raw: string | null): FlatOverrides {
  try {
    const parsed: unknown = JSON.parse(raw ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'number'));
  } catch {
    return {};
  }
}

/**
 * 逆算: the target, period and overrides live in the address (a plan can be shared or
 * reopened from a scenario); every change re-plans after a short pause.
 */
export default function PlanPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const [params, setParams] = useSearchParams();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Scenario | null>(null);
  const target = Number(params.get('target'));
  const draft: TargetDraft = {
    target: target > 0 ? target : null,
    period: params.get('period') ?? `FY${fiscalYearOf(new Date(), workspace.fiscalYearStartMonth) + 1}`,
    windowMonths: Number(params.get('window')) || 12,
    scope: params.get('scope') ?? '',
  };
  const overrides = parseOverrides(params.get('overrides'));
  const write = (d: TargetDraft, o: FlatOverrides) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (d.target) next.set('target', String(d.target));
        else next.delete('target');
        next.set('period', d.period);
        next.set('window', String(d.windowMonths));
        if (d.scope) next.set('scope', d.scope);
        else next.delete('scope');
        if (Object.keys(o).length) next.set('overrides', JSON.stringify(o));
        else next.delete('overrides');
        return next;
      },
      { replace: true },
    );

  const live: PlanRequest | null = draft.target
    ? {
        target: draft.target,
        period: draft.period,
        windowMonths: draft.windowMonths,
        overrides: toOverrides(overrides),
        slice: sliceOfScope(draft.scope),
      }
    : null;
  // Debounced as text: a new object every render would restart the timer for ever.
  const [debounced] = useDebouncedValue(JSON.stringify(live), 400);
  const request = useMemo(() => JSON.parse(debounced) as PlanRequest | null, [debounced]);
  const { plan, levers, lastPlan, lastMeasured, lastLevers } = usePlan(request);
  const error = plan.error ?? levers.error;
  const errorPaths = error instanceof ApiError ? error.details : [];
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const busy = plan.isFetching || levers.isFetching || debounced !== JSON.stringify(live);
  const planOk = plan.isSuccess && !plan.isPlaceholderData && request !== null;

  return (
    <>
      <PageHeader
        title={t('planning.plan.title')}
        description={t('planning.plan.description')}
        actions={
          <>
            {busy && live ? (
              <Group gap={6} role="status" aria-live="polite">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {t('planning.plan.recalculating')}
                </Text>
              </Group>
            ) : null}
            <Button onClick={() => setSaving(true)} disabled={!planOk || busy}>
              {t('planning.save.action')}
            </Button>
          </>
        }
      />
      <TargetForm draft={draft} onChange={(d) => write(d, overrides)} errors={fieldErrors} />
      {saved ? (
        <Alert color="teal" variant="light" mb="md" withCloseButton onClose={() => setSaved(null)}>
          <SavedNotice scenario={saved} />
        </Alert>
      ) : null}
      {error && live ? (
        <Stack mb="md">
          <PlanError error={error} showingLast={lastPlan !== undefined} />
        </Stack>
      ) : null}
      {!live ? (
        <EmptyState title={t('planning.plan.emptyTitle')} hint={t('planning.plan.emptyHint')} />
      ) : !lastPlan && !lastMeasured && !error ? (
        <PageLoader />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <AssumptionsPanel
              used={lastPlan?.assumptions ?? lastMeasured?.assumptions}
              measured={lastMeasured?.assumptions}
              evidence={lastPlan?.evidence ?? lastMeasured?.evidence}
              overrides={overrides}
              onOverrides={(o) => write(draft, o)}
              errorPaths={errorPaths}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="lg" style={{ opacity: error ? 0.6 : 1 }}>
              {lastPlan ? <WaterfallSection plan={lastPlan} /> : null}
              {lastPlan ? <CapacitySection plan={lastPlan} /> : null}
              {lastLevers ? <LeversSection levers={lastLevers} stale={levers.isError} /> : null}
              <ProbabilitySection request={request} disabled={!planOk} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {saving && request ? (
        <SaveScenarioDialog
          request={request}
          onClose={() => setSaving(false)}
          onSaved={(s) => {
            setSaving(false);
            setSaved(s);
          }}
        />
      ) : null}
    </>
  );
}
