import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Stepper,
  Text,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../app/page-header.tsx';
import { ErrorState } from '../../app/query-state.tsx';
import { IMPORT_FORMATS, type ImportFormat, type ImportRun } from './api.ts';
import { startImportRun, useImportRun } from './import-api.ts';
import { ImportReportView, RunProgress } from './import-report.tsx';

/** A run that ended in an error the API explained (a missing column, a refused format). */
function RunFailure({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  if (!run.error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={t('setup.import.failed')}
      role="alert"
      data-testid="import-failed"
    >
      <Text size="sm">{run.error.message}</Text>
      {run.error.details.map((d) => (
        <Text size="xs" key={`${d.path}:${d.message}`}>
          <code>{d.path}</code>: {d.message}
        </Text>
      ))}
    </Alert>
  );
}

export default function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [format, setFormat] = useState<ImportFormat>('hubspot-contacts');
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const dryRun = useImportRun(dryRunId);
  const imported = useImportRun(importId);
  const start = useMutation({
    mutationFn: async (dry: boolean) => {
      if (!file) throw new Error('no file');
      // A dry run always skips invalid lines, so it can say what the valid ones would do.
      return startImportRun(format, await file.text(), { dryRun: dry, skipInvalid: dry || skipInvalid });
    },
    onSuccess: (run) => (run.dryRun ? setDryRunId(run.id) : setImportId(run.id)),
  });
  const reset = () => {
    start.reset();
    setDryRunId(null);
    setImportId(null);
    setSkipInvalid(false);
  };
  const checked = dryRun.data?.status === 'done' ? dryRun.data.report : null;
  const finished = imported.data && imported.data.status !== 'running';
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: ['/people'] });
  }, [finished, client]);
  const step = importId ? 2 : dryRunId ? 1 : 0;
  const importable = checked?.valid ?? 0;

  return (
    <>
      <PageHeader title={t('setup.import.title')} description={t('setup.import.description')} />
      <Paper withBorder p="md" radius="md">
        <Stepper active={step} size="sm" mb="lg">
          <Stepper.Step label={t('setup.import.steps.file')} />
          <Stepper.Step label={t('setup.import.steps.check')} />
          <Stepper.Step label={t('setup.import.steps.result')} />
        </Stepper>
        {step === 0 ? (
          <Stack maw={560}>
            <Select
              label={t('setup.import.format')}
              description={t(`setup.import.formatHints.${format}`)}
              data={IMPORT_FORMATS.map((f) => ({ value: f, label: t(`setup.import.formats.${f}`) }))}
              value={format}
              allowDeselect={false}
              onChange={(v) => v && setFormat(v as ImportFormat)}
            />
            <FileInput
              label={t('setup.import.file')}
              placeholder={t('setup.import.filePlaceholder')}
              accept=".csv,text/csv"
              clearable
              value={file}
              onChange={setFile}
            />
            {start.error ? <ErrorState error={start.error} /> : null}
            <Group>
              <Button disabled={!file} loading={start.isPending} onClick={() => start.mutate(true)}>
                {t('setup.import.dryRun')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {step === 1 ? (
          <Stack>
            {dryRun.error ? <ErrorState error={dryRun.error} onRetry={() => void dryRun.refetch()} /> : null}
            {!dryRun.data || dryRun.data.status === 'running' ? <RunProgress run={dryRun.data} /> : null}
            {dryRun.data ? <RunFailure run={dryRun.data} /> : null}
            {dryRun.data?.status === 'done' ? <ImportReportView run={dryRun.data} /> : null}
            {checked && checked.invalid > 0 ? (
              <Stack gap={6}>
                <Text size="sm" c="orange">
                  {t('setup.import.skipNeeded')}
                </Text>
                <Checkbox
                  label={t('setup.import.skipInvalid')}
                  checked={skipInvalid}
                  onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
                />
              </Stack>
            ) : null}
            {start.error ? <ErrorState error={start.error} /> : null}
            <Group>
              <Button variant="default" onClick={reset}>
                {t('setup.import.startOver')}
              </Button>
              {checked ? (
                <Button
                  disabled={importable <= 0 || (checked.invalid > 0 && !skipInvalid)}
                  loading={start.isPending}
                  onClick={() => start.mutate(false)}
                >
                  {t('setup.import.import', { count: importable })}
                </Button>
              ) : null}
            </Group>
          </Stack>
        ) : null}
        {step === 2 ? (
          <Stack>
            {imported.error ? (
              <ErrorState error={imported.error} onRetry={() => void imported.refetch()} />
            ) : null}
            {!imported.data || imported.data.status === 'running' ? (
              <RunProgress run={imported.data} />
            ) : null}
            {imported.data ? <RunFailure run={imported.data} /> : null}
            {imported.data?.status === 'done' ? <ImportReportView run={imported.data} /> : null}
            {finished ? (
              <Group>
                <Button variant="default" onClick={reset}>
                  {t('setup.import.startOver')}
                </Button>
                {imported.data?.report?.committed ? (
                  <Button component={Link} to="/marketing/leads">
                    {t('setup.import.openLeads')}
                  </Button>
                ) : null}
              </Group>
            ) : null}
          </Stack>
        ) : null}
      </Paper>
    </>
  );
}
