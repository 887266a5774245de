import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchField } from '../../app/list-toolbar.tsx';
import { ActionsTh } from '../../app/table-parts.tsx';
import { FIT_FIELDS, FIT_OPS, type FitRule } from './api.ts';

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
  const patch = (id: string, p: Partial<FitRule>) =>
    onChange(rules.map((r) => (r.id === id ? { ...r, ...p } : r)));
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
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('setup.scoring.sections.fit')}
        </Title>
        <Group>
          <SearchField
            aria-label={t('setup.scoring.filterRules')}
            placeholder={t('setup.scoring.filterPlaceholder')}
            value={q}
            onChange={setQ}
            w={220}
          />
          <Button variant="default" onClick={add}>
            {t('setup.scoring.addFit')}
          </Button>
        </Group>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {rules.length === 0 ? t('setup.scoring.noRules') : t('setup.scoring.noRulesMatch')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={4} data-testid="fit-rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('setup.scoring.fitColumns.label')}</Table.Th>
                <Table.Th>{t('setup.scoring.fitColumns.field')}</Table.Th>
                <Table.Th>{t('setup.scoring.fitColumns.op')}</Table.Th>
                <Table.Th>{t('setup.scoring.fitColumns.value')}</Table.Th>
                <Table.Th>{t('setup.scoring.fitColumns.points')}</Table.Th>
                <ActionsTh />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`${t('setup.scoring.fitColumns.label')}: ${r.label}`}
                      value={r.label}
                      onChange={(e) => patch(r.id, { label: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      w={130}
                      aria-label={`${t('setup.scoring.fitColumns.field')}: ${r.label}`}
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
                      aria-label={`${t('setup.scoring.fitColumns.op')}: ${r.label}`}
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
                      aria-label={`${t('setup.scoring.fitColumns.value')}: ${r.label}`}
                      title={t('setup.scoring.valueHint')}
                      defaultValue={valueText(r.value)}
                      onBlur={(e) => patch(r.id, { value: parseValue(r.op, e.currentTarget.value) })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      w={80}
                      min={-100}
                      max={100}
                      aria-label={`${t('setup.scoring.fitColumns.points')}: ${r.label}`}
                      value={r.points}
                      onChange={(v) => patch(r.id, { points: typeof v === 'number' ? v : 0 })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('setup.scoring.remove', { name: r.label })}
                      onClick={() => onChange(rules.filter((x) => x.id !== r.id))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
