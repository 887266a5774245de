import { Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIT_FIELDS, FIT_OPS, type FitRule } from './api.ts';
import { RuleLabelCell, RulePointsCell, RuleRemoveCell, RulesSection, ruleEdits } from './rules-section.tsx';

/** A new rule's id: unique, in the characters the API accepts. */
export const newRuleId = (prefix: string) =>
  `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** A value as typed: numbers for comparisons, a list where several values are allowed. */
function parseValue(op: FitRule['op'], text: string): FitRule['value'] {
  if (op === 'gte' || op === 'lt') return Number(text) || 0;
  const parts = text
    .split(/[,、]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return op === 'eq' ? (parts[0] ?? '') : parts;
}

const valueText = (value: FitRule['value']) => (Array.isArray(value) ? value.join(', ') : String(value));

export function FitRulesTable({
  rules,
  onChange,
}: {
  rules: FitRule[];
  onChange: (rules: FitRule[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { patch, remove } = ruleEdits(rules, onChange);
  const needle = q.trim().toLowerCase();
  const shown = rules.filter(
    (r) =>
      !needle ||
      r.label.toLowerCase().includes(needle) ||
      t(`setup.scoring.fields.${r.field}`).toLowerCase().includes(needle),
  );
  const add = () =>
    onChange([
      ...rules,
      {
        id: newRuleId('fit'),
        label: t('setup.scoring.newRuleLabel'),
        field: 'account.industry',
        op: 'in',
        value: [],
        points: 10,
      },
    ]);
  const col = (k: 'label' | 'field' | 'op' | 'value' | 'points') => t(`setup.scoring.fitColumns.${k}`);
  return (
    <RulesSection
      title={t('setup.scoring.sections.fit')}
      addLabel={t('setup.scoring.addFit')}
      onAdd={add}
      query={q}
      onQuery={setQ}
      total={rules.length}
      shown={shown.length}
      minWidth={900}
      testId="fit-rules"
      columns={[col('label'), col('field'), col('op'), col('value'), col('points')]}
    >
      {shown.map((r) => (
        <Table.Tr key={r.id}>
          <RuleLabelCell rule={r} column={col('label')} onLabel={(label) => patch(r.id, { label })} />
          <Table.Td>
            <Select
              size="xs"
              w={130}
              aria-label={`${col('field')}: ${r.label}`}
              data={FIT_FIELDS.map((f) => ({ value: f, label: t(`setup.scoring.fields.${f}`) }))}
              value={r.field}
              allowDeselect={false}
              onChange={(v) => v && patch(r.id, { field: v as FitRule['field'] })}
            />
          </Table.Td>
          <Table.Td>
            <Select
              size="xs"
              w={150}
              aria-label={`${col('op')}: ${r.label}`}
              data={FIT_OPS.map((o) => ({ value: o, label: t(`setup.scoring.ops.${o}`) }))}
              value={r.op}
              allowDeselect={false}
              onChange={(v) => {
                const op = v as FitRule['op'];
                if (op) patch(r.id, { op, value: parseValue(op, valueText(r.value)) });
              }}
            />
          </Table.Td>
          <Table.Td>
            <TextInput
              size="xs"
              aria-label={`${col('value')}: ${r.label}`}
              title={t('setup.scoring.valueHint')}
              defaultValue={valueText(r.value)}
              onBlur={(e) => patch(r.id, { value: parseValue(r.op, e.currentTarget.value) })}
            />
          </Table.Td>
          <RulePointsCell rule={r} column={col('points')} onPoints={(points) => patch(r.id, { points })} />
          <RuleRemoveCell rule={r} onRemove={() => remove(r.id)} />
        </Table.Tr>
      ))}
    </RulesSection>
  );
}
