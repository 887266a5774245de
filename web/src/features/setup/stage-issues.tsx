import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { StageDefinition } from './api.ts';
import { stageLabel } from './stage-table.tsx';

type Rule =
  | 'unreachable'
  | 'noExit'
  | 'offRamp'
  | 'slaDwell'
  | 'unknownTarget'
  | 'duplicate'
  | 'occupied'
  | 'other';

/** The API's messages name the rule in words; these patterns map them to the rule's name. */
const RULES: [RegExp, Rule][] = [
  [/cannot be reached/, 'unreachable'],
  [/no end can be reached/, 'noExit'],
  [/neither ends nor returns/, 'offRamp'],
  [/needs a maximum dwell/, 'slaDwell'],
  [/unknown stage/, 'unknownTarget'],
  [/defined twice/, 'duplicate'],
  [/records are in/, 'occupied'],
];

export interface StageIssue {
  rule: Rule;
  /** The stage's index in the draft, when the path names one. */
  index: number | null;
  /** The stage's key when only the message names it (a removed stage). */
  key: string | null;
  message: string;
}

/** Reads a refused save: which rule, which stage. */
export function stageIssuesOf(error: unknown): StageIssue[] {
  if (!(error instanceof ApiError) || error.details.length === 0) return [];
  if (error.code !== 'invalid_input' && error.code !== 'conflict') return [];
  return error.details.map((d) => {
    const path = d.path.replace(/^body\./, '');
    const index = /^stages\.(\d+)/.exec(path);
    const quoted = /"([^"]+)"/.exec(d.message);
    return {
      rule: RULES.find(([re]) => re.test(d.message))?.[1] ?? 'other',
      index: index ? Number(index[1]) : null,
      key: index ? null : (quoted?.[1] ?? null),
      message: d.message,
    };
  });
}

/** The refused save, one line per problem: the rule broken and the stage it is about. */
export function StageIssues({
  error,
  draft,
  saved,
}: {
  error: unknown;
  draft: StageDefinition[];
  saved: StageDefinition[];
}) {
  const { t, i18n } = useTranslation();
  const issues = stageIssuesOf(error);
  if (issues.length === 0) return <ErrorState error={error} />;
  const nameOf = (issue: StageIssue) => {
    const stage =
      issue.index !== null ? draft[issue.index] : (saved.find((s) => s.key === issue.key) ?? null);
    if (stage) return t('setup.stages.issueAt', { stage: stageLabel(stage, i18n.language) });
    return issue.key ? t('setup.stages.issueAt', { stage: issue.key }) : t('setup.stages.issueGeneral');
  };
  return (
    <Alert
      color="red"
      variant="light"
      title={t('setup.stages.issuesTitle')}
      role="alert"
      data-testid="stage-issues"
    >
      <List size="sm" spacing={4}>
        {issues.map((issue) => (
          <List.Item key={`${issue.index}:${issue.key}:${issue.message}`}>
            <Text span fw={600} size="sm">
              {t(`setup.stages.rules.${issue.rule}`)}
            </Text>
            {' — '}
            {nameOf(issue)}
            <Text size="xs" c="dimmed">
              {t('errors.apiMessage')}: {issue.message}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
