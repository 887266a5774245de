import { Alert, Badge, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { OrgModel } from './api.ts';
import { useTierName } from './tier-name.ts';

export const ORG_MODEL_KEY = ['/org-model'];
const MODELS = ['islands', 'assembly_line', 'pods'] as const;

/** The org model routing follows, and the tiers segments are cut by. */
export function OrgModelCard() {
  const { t } = useTranslation();
  const tierName = useTierName();
  const fmt = useFormat();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ORG_MODEL_KEY, queryFn: () => api<OrgModel>('/org-model') });
  const [model, setModel] = useState<OrgModel['orgModel'] | null>(null);
  useEffect(() => setModel(query.data?.orgModel ?? null), [query.data]);
  const save = useMutation({
    mutationFn: () =>
      api<OrgModel>('/org-model', {
        method: 'PUT',
        body: { version: query.data?.version, orgModel: model, salesFloor: query.data?.salesFloor },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ORG_MODEL_KEY }),
  });
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const tiers = [...query.data.salesFloor.tiers].sort((a, b) => b.minEmployees - a.minEmployees);
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start">
        <Radio.Group
          label={
            <Title order={2} size="h4">
              {t('setup.teams.orgModel')}
            </Title>
          }
          value={model ?? ''}
          onChange={(v) => {
            save.reset();
            setModel(v as OrgModel['orgModel']);
          }}
        >
          <Stack gap="xs" mt="xs">
            {MODELS.map((m) => (
              <Radio
                key={m}
                value={m}
                label={t(`setup.teams.models.${m}`)}
                description={t(`setup.teams.modelHints.${m}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Stack gap={4} miw={220}>
          <Text size="sm" fw={600}>
            {t('setup.teams.tiers')}
          </Text>
          {tiers.map((tier) => (
            <Group key={tier.key} gap={6}>
              <Badge variant="light" tt="none">
                {tierName(tier.key)}
              </Badge>
              <Text size="sm">{t('setup.teams.tierMin', { min: fmt.number(tier.minEmployees) })}</Text>
            </Group>
          ))}
        </Stack>
      </Group>
      {save.error ? <ErrorState error={save.error} onRetry={() => void query.refetch()} /> : null}
      {save.isSuccess && model === query.data.orgModel ? (
        <Alert color="green" variant="light" mt="sm" role="status">
          {t('setup.teams.modelSaved')}
        </Alert>
      ) : null}
      <Group justify="flex-end" mt="sm">
        <Button
          disabled={!model || model === query.data.orgModel}
          loading={save.isPending}
          onClick={() => save.mutate()}
        >
          {t('setup.teams.saveModel')}
        </Button>
      </Group>
    </Paper>
  );
}
