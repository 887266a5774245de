import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import { fetchCard, fetchSettings, isOpenPhase, pipelineKeys } from './api.ts';
import { DealNotes } from './deal-notes.tsx';
import { DealTerms } from './deal-terms.tsx';
import { useLabels } from './labels.ts';
import { daysSince, MoveMenu } from './opportunity-card.tsx';
import { PhaseChecklist } from './phase-checklist.tsx';
import { usePhaseMove } from './phase-move.tsx';
import { StageHistory } from './stage-history.tsx';

const PHASE_COLORS: Record<string, string> = { won: 'teal', lost: 'red' };

export default function OpportunityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useLabels();
  const card = useQuery({ queryKey: pipelineKeys.card(id), queryFn: () => fetchCard(id) });
  const settings = useQuery({ queryKey: pipelineKeys.settings, queryFn: fetchSettings, staleTime: 300_000 });
  const mover = usePhaseMove();
  const reload = () => void card.refetch();

  const crumbs = (
    <Breadcrumbs mb="sm">
      <Anchor component={Link} to="/field-sales/pipeline" size="sm">
        {t('fieldSales.pipeline.title')}
      </Anchor>
      <Text size="sm">{card.data?.name ?? t('fieldSales.opportunity.detail')}</Text>
    </Breadcrumbs>
  );
  if (card.isPending) return withCrumbs(crumbs, <PageLoader />);
  if (card.error) return withCrumbs(crumbs, <ErrorState error={card.error} onRetry={reload} />);
  const o = card.data;
  const open = isOpenPhase(o.phase);

  return (
    <>
      {crumbs}
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="opportunity-name">
              {o.name}
            </Title>
            <Badge
              variant="light"
              color={PHASE_COLORS[o.phase] ?? 'indigo'}
              data-testid="opportunity-phase"
              tt="none"
            >
              {labels.phase(o.phase)}
            </Badge>
          </Group>
          <Group gap="lg">
            <Text size="sm">
              {t('fieldSales.opportunity.account')}:{' '}
              <Anchor component={Link} to={`/accounts/${o.accountId}`} size="sm">
                {o.accountName}
              </Anchor>
            </Text>
            <Text size="sm">
              {t('fieldSales.opportunity.contact')}:{' '}
              {o.primaryPersonId ? (
                <Anchor component={Link} to={`/marketing/leads/${o.primaryPersonId}`} size="sm">
                  {o.primaryPersonName ?? t('people.unnamed')}
                </Anchor>
              ) : (
                t('fieldSales.opportunity.noContact')
              )}
            </Text>
            <Text size="sm">
              {t('fieldSales.opportunity.owner')}: {o.ownerName ?? t('fieldSales.card.unowned')}
            </Text>
            <Text size="sm" c="dimmed">
              {open
                ? `${t('fieldSales.opportunity.phaseEnteredAt')}: ${fmt.date(o.phaseEnteredAt)} · ${t('fieldSales.card.daysInPhase', { days: daysSince(o.phaseEnteredAt) })}`
                : o.closedAt
                  ? t('fieldSales.opportunity.closedOn', { date: fmt.date(o.closedAt) })
                  : ''}
            </Text>
          </Group>
          {o.phase === 'lost' && o.lossReason ? (
            <Text size="sm" c="red">
              {t('fieldSales.opportunity.lossReason')}: {labels.lossReason(o.lossReason)}
            </Text>
          ) : null}
        </Stack>
        {open ? (
          <Group gap="xs" wrap="nowrap">
            <Button color="teal" variant="light" onClick={() => mover.request(o, 'won')}>
              {t('fieldSales.card.markWon')}
            </Button>
            <Button color="red" variant="light" onClick={() => mover.request(o, 'lost')}>
              {t('fieldSales.card.markLost')}
            </Button>
            <MoveMenu
              card={o}
              onMove={(to) => mover.request(o, to)}
              busy={mover.pendingId === o.id}
              label={t('fieldSales.opportunity.advance')}
            />
          </Group>
        ) : null}
      </Group>
      {mover.noticeBar}
      <Stack>
        <PhaseChecklist card={o} settings={settings.data?.settings} onReload={reload} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              <DealTerms card={o} onReload={reload} />
              <StageHistory opportunityId={o.id} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <DealNotes card={o} onReload={reload} />
          </Grid.Col>
        </Grid>
      </Stack>
      {mover.dialogs}
    </>
  );
}

function withCrumbs(crumbs: ReactNode, body: ReactNode) {
  return (
    <>
      {crumbs}
      {body}
    </>
  );
}
