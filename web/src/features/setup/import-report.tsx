import { Alert, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { SearchField } from '../../app/list-toolbar.tsx';
import type { ImportRun } from './api.ts';

/** A run still working: how far through the file it has checked and written. */
export function RunProgress({ run }: { run: ImportRun | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const share = run && run.totalBytes > 0 ? run.bytesDone / run.totalBytes : 0;
  const percent = fmt.percent(share);
  const text =
    run?.phase === 'importing' ? t('setup.import.importing', { percent }) : t('setup.import.waiting');
  return (
    <Stack gap={6} data-testid="import-progress">
      <Progress value={share * 100} animated aria-label={text} />
      <Text size="sm" aria-live="polite">
        {text}
      </Text>
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  const fmt = useFormat();
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} className="num" data-testid={testId}>
        {fmt.number(value)}
      </Text>
    </Paper>
  );
}

const PAGE = 50;

/** What a run found (dry run) or did (import): the figures, then each bad line with its column and reason. */
export function ImportReportView({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [shown, setShown] = useState(PAGE);
  const report = run.report;
  if (!report) return null;
  const needle = q.trim().toLowerCase();
  const errors = report.errors.filter(
    (e) =>
      !needle ||
      e.column.toLowerCase().includes(needle) ||
      e.message.toLowerCase().includes(needle) ||
      String(e.line) === needle,
  );
  return (
    <Stack>
      <Title order={2} size="h4">
        {run.dryRun ? t('setup.import.wouldTitle') : t('setup.import.doneTitle')}
      </Title>
      {!run.dryRun && !report.committed ? (
        <Alert color="orange" variant="light">
          {t('setup.import.notCommitted')}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <Figure label={t('setup.import.summary.rows')} value={report.rows} testId="import-rows" />
        <Figure label={t('setup.import.summary.valid')} value={report.valid} testId="import-valid" />
        <Figure label={t('setup.import.summary.invalid')} value={report.invalid} testId="import-invalid" />
        <Figure label={t('setup.import.summary.created')} value={report.created} testId="import-created" />
        <Figure label={t('setup.import.summary.updated')} value={report.updated} testId="import-updated" />
        <Figure
          label={t('setup.import.summary.duplicates')}
          value={report.duplicatesInFile}
          testId="import-duplicates"
        />
      </SimpleGrid>
      {report.historyRows + report.campaignsCreated + report.memberships > 0 ? (
        <Text size="sm" c="dimmed">
          {t('setup.import.summary.history')}: {fmt.number(report.historyRows)} ·{' '}
          {t('setup.import.summary.campaigns')}: {fmt.number(report.campaignsCreated)} ·{' '}
          {t('setup.import.summary.memberships')}: {fmt.number(report.memberships)}
        </Text>
      ) : null}
      {report.invalid === 0 ? (
        <Alert color="green" variant="light">
          {t('setup.import.noErrors')}
        </Alert>
      ) : (
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="sm">
            <Text fw={600}>{t('setup.import.errorsTitle', { count: report.invalid })}</Text>
            <SearchField
              aria-label={t('setup.import.searchErrors')}
              placeholder={t('setup.import.searchErrors')}
              value={q}
              onChange={setQ}
              w={240}
            />
          </Group>
          <Table verticalSpacing={6} data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('setup.import.errorColumns.line')}</Table.Th>
                <Table.Th>{t('setup.import.errorColumns.column')}</Table.Th>
                <Table.Th>{t('setup.import.errorColumns.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.slice(0, shown).map((e) => (
                <Table.Tr key={`${e.line}:${e.column}:${e.message}`}>
                  <Table.Td className="num">{fmt.number(e.line)}</Table.Td>
                  <Table.Td ff="monospace">{e.column}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="sm">
            <Text size="xs" c="dimmed">
              {report.errors.length < report.invalid
                ? t('setup.import.errorsTruncated', { count: report.errors.length })
                : ''}
            </Text>
            {errors.length > shown ? (
              <Button variant="default" size="xs" onClick={() => setShown((n) => n + PAGE)}>
                {t('common.loadMore')}
              </Button>
            ) : null}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
