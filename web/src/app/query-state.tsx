import { Alert, Button, Center, List, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';

const KNOWN_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'version_conflict',
  'payload_too_large',
  'rate_limited',
  'internal',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnown = (code: string): code is KnownCode => KNOWN_CODES.includes(code as KnownCode);

/** What went wrong in the user's language, then the API's own message and the field paths it named. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  let summary: string;
  if (!apiError) summary = t('errors.unexpected', { status: '?' });
  else if (apiError.code === 'network') summary = t('errors.network');
  else if (isKnown(apiError.code)) summary = t(`errors.codes.${apiError.code}`);
  else summary = t('errors.unexpected', { status: apiError.status });
  const details = apiError?.details ?? [];
  return (
    <Alert color="red" variant="light" title={t('errors.title')} role="alert" w="100%">
      <Stack gap={6}>
        <Text size="sm">{summary}</Text>
        {apiError?.message ? (
          <Text size="xs" c="dimmed" data-testid="api-message">
            {t('errors.apiMessage')}: {apiError.message}
          </Text>
        ) : null}
        {details.length > 0 ? (
          <div>
            <Text size="xs" fw={600}>
              {t('errors.fields')}
            </Text>
            <List size="xs">
              {details.map((d) => (
                <List.Item key={`${d.path}:${d.message}`}>
                  <code>{d.path}</code>: {d.message}
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        {onRetry ? (
          <div>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {apiError?.code === 'version_conflict' ? t('common.reload') : t('common.retry')}
            </Button>
          </div>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" mr="sm" />
      <Text size="sm" c="dimmed">
        {t('common.loading')}
      </Text>
    </Center>
  );
}

/** What an empty list says: what this is, and what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint: string; action?: ReactNode }) {
  return (
    <Center py={48} data-testid="empty-state">
      <Stack align="center" gap="xs" maw={480}>
        <Title order={4}>{title}</Title>
        <Text size="sm" c="dimmed" ta="center">
          {hint}
        </Text>
        {action}
      </Stack>
    </Center>
  );
}

/**
 * An empty list: when `filtered`, it says the filters hide everything; otherwise it says
 * what the list holds and offers `action` (e.g. "new").
 */
export function ListEmpty({
  filtered,
  title,
  hint,
  filteredTitle,
  filteredHint,
  action,
}: {
  filtered: boolean;
  title: string;
  hint: string;
  filteredTitle: string;
  filteredHint: string;
  action?: ReactNode;
}) {
  return filtered ? (
    <EmptyState title={filteredTitle} hint={filteredHint} />
  ) : (
    <EmptyState title={title} hint={hint} action={action} />
  );
}
