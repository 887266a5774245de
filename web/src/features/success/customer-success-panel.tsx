import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../app/api.ts';
import { FieldList } from '../../app/field-list.tsx';
import { useFormat } from '../../app/format.ts';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { AccountTasks } from './account-tasks.tsx';
import type { CustomerView } from './api.ts';
import { HealthBadge, TrendArrow } from './health-badge.tsx';
import { HealthFactors, HealthReason } from './health-factors.tsx';
import { HealthHistoryChart } from './health-history-chart.tsx';
import { useSuccessSettings } from './use-success-settings.ts';

export const customerViewKey = (accountId: string) => ['success-account', accountId] as const;

/**
 * Customer Success's view of one account: health with the weighted factors behind it and
 * its history, the CS team, live subscriptions and open tasks. Used in the health list's
 * drawer and meant for the account page (`<CustomerSuccessPanel accountId={id} />`).
 */
export function CustomerSuccessPanel({ accountId, columns = 2 }: { accountId: string; columns?: 1 | 2 }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const view = useQuery({
    queryKey: customerViewKey(accountId),
    queryFn: () => api<CustomerView>(`/success/accounts/${accountId}`),
    // Out of the caller's customer scope (marketing, IS, another AE's account): no panel, no retries.
    retry: (count, error) => !(error instanceof ApiError && [403, 404].includes(error.status)) && count < 3,
  });
  const settings = useSuccessSettings();
  if (view.isPending) return <PageLoader />;
  if (view.error instanceof ApiError && [403, 404].includes(view.error.status)) return null;
  if (view.error) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const { customer, team, healthHistory, subscriptions } = view.data;
  if (!customer)
    return (
      <EmptyState title={t('success.panel.notCustomerTitle')} hint={t('success.panel.notCustomerHint')} />
    );
  const explanation = customer.healthExplanation;
  const config = settings.data?.config.health;
  const sameVersion = explanation && settings.data && explanation.configVersion === settings.data.version;
  const targets =
    sameVersion && config ? Object.fromEntries(config.factors.map((f) => [f.key, f.target])) : null;
  const live = subscriptions.filter((s) => s.status === 'active');
  const none = t('common.none');

  return (
    <Stack gap="md" data-testid="customer-success-panel">
      <Group gap="md" align="center">
        <HealthBadge band={customer.healthBand} score={customer.healthScore} size="xl" />
        <TrendArrow trend={customer.healthTrend} />
        {customer.healthComputedAt ? (
          <Text size="xs" c="dimmed">
            {t('success.panel.computedAt', { at: fmt.dateTime(customer.healthComputedAt) })}
          </Text>
        ) : null}
        <Anchor component={Link} to={`/accounts/${accountId}`} size="sm" ml="auto">
          {t('success.panel.openAccount')}
        </Anchor>
      </Group>
      {explanation ? <HealthReason factors={explanation.factors} /> : null}
      <SimpleGrid cols={{ base: 1, md: columns }} spacing="md">
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb="sm">
            {t('success.panel.factorsTitle')}
          </Title>
          {explanation ? (
            <HealthFactors factors={explanation.factors} targets={targets} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('success.panel.noHealth')}
            </Text>
          )}
          {config ? (
            <Text size="xs" c="dimmed" mt="sm">
              {t('success.panel.window', { days: config.windowDays })}
            </Text>
          ) : null}
        </Paper>
        <Stack gap="md">
          <Paper withBorder p="md" radius="md">
            <Title order={3} size="h5" mb="sm">
              {t('success.panel.historyTitle')}
            </Title>
            {healthHistory.length > 0 ? (
              <HealthHistoryChart
                history={healthHistory}
                redMax={config?.redMax ?? 50}
                yellowMax={config?.yellowMax ?? 75}
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t('success.panel.noHistory')}
              </Text>
            )}
          </Paper>
          <Paper withBorder p="md" radius="md">
            <FieldList
              cols={3}
              fields={[
                { label: t('success.team.csm'), value: team.csm?.displayName ?? none },
                { label: t('success.team.onb'), value: team.onb?.displayName ?? none },
                { label: t('success.team.am'), value: team.am?.displayName ?? none },
                {
                  label: t('success.panel.mrr'),
                  value: fmt.money(live.reduce((s, x) => s + x.mrr, 0)),
                },
                {
                  label: t('success.panel.plans'),
                  value: live.map((s) => s.plan).join(', ') || none,
                },
                {
                  label: t('success.panel.renewsOn'),
                  value:
                    live
                      .map((s) => s.renewsOn)
                      .filter((d): d is string => d !== null)
                      .sort()
                      .map((d) => fmt.calendarDate(d))[0] ?? none,
                },
              ]}
            />
          </Paper>
        </Stack>
      </SimpleGrid>
      <AccountTasks accountId={accountId} />
    </Stack>
  );
}
