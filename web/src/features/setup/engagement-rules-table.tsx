import { Switch, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementRule } from './api.ts';
import { newRuleId } from './fit-rules-table.tsx';
import { RuleLabelCell, RulePointsCell, RuleRemoveCell, RulesSection, ruleEdits } from './rules-section.tsx';

/** Engagement rules in match order: the first rule that matches an event scores it. */
export function EngagementRulesTable({
  rules,
  onChange,
}: {
  rules: EngagementRule[];
  onChange: (rules: EngagementRule[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { patch, remove } = ruleEdits(rules, onChange);
  const needle = q.trim().toLowerCase();
  const shown = rules.filter(
    (r) => !needle || r.label.toLowerCase().includes(needle) || r.eventType.includes(needle),
  );
  const condition = (r: EngagementRule) =>
    r.property
      ? `${r.property} ${t(`setup.scoring.ops.${r.op ?? 'eq'}`)} ${Array.isArray(r.value) ? r.value.join(', ') : (r.value ?? '')}`
      : t('setup.scoring.anyEvent');
  const add = () =>
    onChange([
      ...rules,
      { id: newRuleId('event'), label: t('setup.scoring.newRuleLabel'), eventType: 'page_view', points: 1 },
    ]);
  const col = (k: 'label' | 'eventType' | 'condition' | 'points' | 'handRaise') =>
    t(`setup.scoring.engagementColumns.${k}`);
  return (
    <RulesSection
      title={t('setup.scoring.sections.engagement')}
      addLabel={t('setup.scoring.addEngagement')}
      onAdd={add}
      query={q}
      onQuery={setQ}
      total={rules.length}
      shown={shown.length}
      minWidth={860}
      testId="engagement-rules"
      columns={[col('label'), col('eventType'), col('condition'), col('points'), col('handRaise')]}
    >
      {shown.map((r) => (
        <Table.Tr key={r.id}>
          <RuleLabelCell rule={r} column={col('label')} onLabel={(label) => patch(r.id, { label })} />
          <Table.Td>
            <TextInput
              size="xs"
              w={170}
              ff="monospace"
              aria-label={`${col('eventType')}: ${r.label}`}
              value={r.eventType}
              onChange={(e) => patch(r.id, { eventType: e.currentTarget.value.trim() })}
            />
          </Table.Td>
          <Table.Td>
            <Text size="sm" ff={r.property ? 'monospace' : undefined}>
              {condition(r)}
            </Text>
          </Table.Td>
          <RulePointsCell rule={r} column={col('points')} onPoints={(points) => patch(r.id, { points })} />
          <Table.Td>
            <Switch
              aria-label={`${col('handRaise')}: ${r.label}`}
              checked={r.handRaise === true}
              onChange={(e) => patch(r.id, { handRaise: e.currentTarget.checked })}
            />
          </Table.Td>
          <RuleRemoveCell rule={r} onRemove={() => remove(r.id)} />
        </Table.Tr>
      ))}
    </RulesSection>
  );
}
