import { Alert, Stack } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { OrgSim, OrgSimInput } from './api.ts';
import { OrgSimForm } from './org-sim-form.tsx';
import { OrgSimResults } from './org-sim-results.tsx';

const simulate = (input?: OrgSimInput) =>
  api<OrgSim>('/plan/org-sim', { method: 'POST', body: input ? { input } : {} });

/**
 * Assembly Line vs PODs on the same demand and headcount. It opens on the workspace's own
 * numbers (measured by the API); every input can be changed and the simulation re-run.
 */
export default function OrgSimPage() {
  const { t } = useTranslation();
  const measured = useQuery({
    queryKey: ['/plan/org-sim', 'measured'],
    queryFn: () => simulate(),
    staleTime: Infinity,
  });
  const [input, setInput] = useState<OrgSimInput | null>(null);
  const [result, setResult] = useState<OrgSim | null>(null);
  // A reset remounts the form, dropping whatever was half typed.
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (measured.data && !input) {
      setInput(measured.data.input);
      setResult(measured.data);
    }
  }, [measured.data, input]);
  const run = useMutation({ mutationFn: simulate, onSuccess: setResult });
  const edited = input !== null && result !== null && JSON.stringify(input) !== JSON.stringify(result.input);

  return (
    <>
      <PageHeader title={t('planning.orgSim.title')} description={t('planning.orgSim.description')} />
      {measured.isPending ? (
        <PageLoader />
      ) : measured.error && !input ? (
        <ErrorState error={measured.error} onRetry={() => void measured.refetch()} />
      ) : input ? (
        <Stack gap="lg">
          <OrgSimForm
            key={formKey}
            input={input}
            onChange={setInput}
            onRun={() => run.mutate(input)}
            onReset={() => {
              if (measured.data) setInput(measured.data.input);
              setFormKey((k) => k + 1);
            }}
            running={run.isPending}
            error={run.error}
          />
          {edited && !run.isPending ? (
            <Alert color="yellow" variant="light">
              {t('planning.orgSim.edited')}
            </Alert>
          ) : null}
          {result ? <OrgSimResults sim={result} stale={edited || run.isPending} /> : null}
        </Stack>
      ) : null}
    </>
  );
}
