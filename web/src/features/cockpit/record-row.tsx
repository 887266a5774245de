import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import type { AffectedType } from './api.ts';
import { useDuration } from './duration.ts';
import { useRoleName } from './finding-text.ts';
import { useLooseT } from './loose-t.ts';
import {
  type AccountRecord,
  type HandoffRecord,
  LINKS,
  type OpportunityRecord,
  type PersonRecord,
  personName,
  type UserRecord,
  useRecord,
} from './records.ts';
import { useStageLabels } from './stage-labels.ts';

function Unavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const gone = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <Text size="sm" c="dimmed">
      {gone ? t('cockpit.affected.unavailable') : t('cockpit.affected.failed')}
    </Text>
  );
}

/** The record a hand-off is about, by name, linking to its page. */
function HandoffSubject({ h }: { h: HandoffRecord }) {
  const { t } = useTranslation();
  const opp = useRecord<OpportunityRecord>('opportunity', h.opportunityId);
  const person = useRecord<PersonRecord>('person', h.opportunityId ? null : h.personId);
  const account = useRecord<AccountRecord>('account', h.opportunityId || h.personId ? null : h.accountId);
  if (h.opportunityId) {
    return (
      <Anchor component={Link} to={LINKS.opportunity(h.opportunityId)} size="sm">
        {opp.data?.name ?? t('cockpit.affected.openOpportunity')}
      </Anchor>
    );
  }
  if (h.personId) {
    return (
      <Anchor component={Link} to={LINKS.person(h.personId)} size="sm">
        {person.data ? personName(person.data) : t('cockpit.affected.openPerson')}
      </Anchor>
    );
  }
  if (h.accountId) {
    return (
      <Anchor component={Link} to={LINKS.account(h.accountId)} size="sm">
        {account.data?.name ?? t('cockpit.affected.openAccount')}
      </Anchor>
    );
  }
  return <Text size="sm">{t('common.none')}</Text>;
}

/** One affected record: what it is, a link to it, and the facts that put it on the list. */
export function RecordRow({ type, id }: { type: AffectedType; id: string }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  const duration = useDuration();
  const role = useRoleName();
  const lead = useStageLabels('lead');
  const opp = useStageLabels('opportunity');
  const q = useRecord<PersonRecord & OpportunityRecord & AccountRecord & HandoffRecord & UserRecord>(
    type,
    id,
  );
  const typeCell = (
    <Table.Td>
      <Badge variant="light" color="gray">
        {tx(`cockpit.affected.types.${type}`)}
      </Badge>
    </Table.Td>
  );
  if (q.isPending) {
    return (
      <Table.Tr>
        {typeCell}
        <Table.Td colSpan={3}>
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  }
  if (q.error || !q.data) {
    return (
      <Table.Tr>
        {typeCell}
        <Table.Td colSpan={3}>
          <Unavailable error={q.error} />
        </Table.Td>
      </Table.Tr>
    );
  }
  const r = q.data;
  let name: ReactNode = null;
  let detail = '';
  let when = '';
  if (type === 'person') {
    name = (
      <Anchor component={Link} to={LINKS.person(id)} size="sm">
        {personName(r)}
      </Anchor>
    );
    detail = lead.label(r.lifecycleStage);
    when = t('cockpit.affected.since', { date: fmt.date(r.stageEnteredAt) });
  } else if (type === 'opportunity') {
    name = (
      <Anchor component={Link} to={LINKS.opportunity(id)} size="sm">
        {r.name}
      </Anchor>
    );
    detail = `${opp.label(r.phase)} · ${fmt.money(r.amountMrr)}${t('cockpit.affected.perMonth')}`;
    when = r.closeDate ? t('cockpit.affected.closeDate', { date: fmt.calendarDate(r.closeDate) }) : '';
  } else if (type === 'account') {
    name = (
      <Anchor component={Link} to={LINKS.account(id)} size="sm">
        {r.name}
      </Anchor>
    );
  } else if (type === 'handoff') {
    name = <HandoffSubject h={r} />;
    detail = `${tx(`cockpit.handoffKinds.${r.kind}`, { defaultValue: r.kind })} → ${role(r.toRole)}`;
    const overdue = (Date.now() - Date.parse(r.dueAt)) / 3_600_000;
    when =
      overdue > 0
        ? t('cockpit.affected.overdue', { duration: duration(overdue), date: fmt.dateTime(r.dueAt) })
        : t('cockpit.affected.due', { date: fmt.dateTime(r.dueAt) });
  } else if (type === 'user') {
    name = <Text size="sm">{r.displayName}</Text>;
    detail = r.roles
      .map((x) =>
        x.capacity === null
          ? role(x.role)
          : `${role(x.role)} (${t('cockpit.affected.capacity', { n: x.capacity })})`,
      )
      .join(' / ');
  }
  return (
    <Table.Tr data-testid="affected-row" data-type={type}>
      {typeCell}
      <Table.Td>{name}</Table.Td>
      <Table.Td>
        <Text size="sm">{detail}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {when}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
