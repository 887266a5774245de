import { ActionIcon, Button, Group, NumberInput, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchField } from '../../app/list-toolbar.tsx';
import { ActionsTh } from '../../app/table-parts.tsx';

interface Rule {
  id: string;
  label: string;
  points: number;
}

/** Changing one rule of a list, or removing it, by id. */
export function ruleEdits<R extends Rule>(rules: R[], onChange: (rules: R[]) => void) {
  return {
    patch: (id: string, p: Partial<R>) => onChange(rules.map((r) => (r.id === id ? { ...r, ...p } : r))),
    remove: (id: string) => onChange(rules.filter((r) => r.id !== id)),
  };
}

/** A scoring rules table: its title, filter and add button, the empty states and the header row. */
export function RulesSection({
  title,
  addLabel,
  onAdd,
  query,
  onQuery,
  total,
  shown,
  minWidth,
  testId,
  columns,
  children,
}: {
  title: string;
  addLabel: string;
  onAdd: () => void;
  query: string;
  onQuery: (q: string) => void;
  total: number;
  shown: number;
  minWidth: number;
  testId: string;
  columns: string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Group>
          <SearchField
            aria-label={t('setup.scoring.filterRules')}
            placeholder={t('setup.scoring.filterPlaceholder')}
            value={query}
            onChange={onQuery}
            w={220}
          />
          <Button variant="default" onClick={onAdd}>
            {addLabel}
          </Button>
        </Group>
      </Group>
      {shown === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {total === 0 ? t('setup.scoring.noRules') : t('setup.scoring.noRulesMatch')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table verticalSpacing={4} data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
                <ActionsTh />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** The cells every rule row starts and ends with: its label; its points and remove button. */
export function RuleLabelCell({
  rule,
  column,
  onLabel,
}: {
  rule: Rule;
  column: string;
  onLabel: (l: string) => void;
}) {
  return (
    <Table.Td>
      <TextInput
        size="xs"
        aria-label={`${column}: ${rule.label}`}
        value={rule.label}
        onChange={(e) => onLabel(e.currentTarget.value)}
      />
    </Table.Td>
  );
}

export function RulePointsCell({
  rule,
  column,
  onPoints,
}: {
  rule: Rule;
  column: string;
  onPoints: (points: number) => void;
}) {
  return (
    <Table.Td>
      <NumberInput
        size="xs"
        w={80}
        min={-100}
        max={100}
        aria-label={`${column}: ${rule.label}`}
        value={rule.points}
        onChange={(v) => onPoints(typeof v === 'number' ? v : 0)}
      />
    </Table.Td>
  );
}

export function RuleRemoveCell({ rule, onRemove }: { rule: Rule; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={t('setup.scoring.remove', { name: rule.label })}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
    </Table.Td>
  );
}
