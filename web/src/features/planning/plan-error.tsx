import { Alert, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { fieldOfErrorPath } from './assumption-fields.ts';

const TARGET_FIELDS = {
  target: 'newMrr',
  period: 'period',
  windowMonths: 'window',
  'slice.value': 'scope',
  'slice.dimension': 'scope',
} as const;

/**
 * Why the plan cannot be computed: each assumption or target field the API named, in the
 * user's words, with the API's own message; the last plan that worked stays below it.
 */
export function PlanError({ error, showingLast }: { error: unknown; showingLast: boolean }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.details.length === 0) return <ErrorState error={error} />;
  const nameOf = (path: string): string => {
    const field = fieldOfErrorPath(path);
    if (field) return t(`planning.fields.${field.path}`);
    const bare = path.replace(/^body\./, '') as keyof typeof TARGET_FIELDS;
    return bare in TARGET_FIELDS ? t(`planning.target.${TARGET_FIELDS[bare]}`) : path;
  };
  return (
    <Alert
      color="red"
      variant="light"
      title={t('planning.error.title')}
      role="alert"
      data-testid="plan-error"
    >
      <Stack gap={6}>
        <List size="sm">
          {error.details.map((d) => (
            <List.Item key={`${d.path}:${d.message}`}>
              <Text span fw={700} size="sm">
                {nameOf(d.path)}
              </Text>
              {t('planning.error.separator')}
              {d.message}{' '}
              <Text span size="xs" c="dimmed">
                ({d.path})
              </Text>
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed" data-testid="api-message">
          {t('errors.apiMessage')}: {error.message}
        </Text>
        <Text size="xs">{showingLast ? t('planning.error.showingLast') : t('planning.error.fix')}</Text>
      </Stack>
    </Alert>
  );
}
