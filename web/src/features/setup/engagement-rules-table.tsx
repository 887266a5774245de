import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchField } from '../../app/list-toolbar.tsx';
import { ActionsTh } from '../../app/table-parts.tsx';
import type { EngagementRule } from './api.ts';
import { newRuleId } from './fit-rules-table.tsx';

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
  const patch = (id: string, p: Partial<EngagementRule>) =>
    onChange(rules.map((r) => (r.id === id ? { ...r, ...p } : r)));
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
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('setup.scoring.sections.engagement')}
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
            {t('setup.scoring.addEngagement')}
          </Button>
        </Group>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {rules.length === 0 ? t('setup.scoring.noRules') : t('setup.scoring.noRulesMatch')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing={4} data-testid="engagement-rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('setup.scoring.engagementColumns.label')}</Table.Th>
                <Table.Th>{t('setup.scoring.engagementColumns.eventType')}</Table.Th>
                <Table.Th>{t('setup.scoring.engagementColumns.condition')}</Table.Th>
                <Table.Th>{t('setup.scoring.engagementColumns.points')}</Table.Th>
                <Table.Th>{t('setup.scoring.engagementColumns.handRaise')}</Table.Th>
                <ActionsTh />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`${t('setup.scoring.engagementColumns.label')}: ${r.label}`}
                      value={r.label}
                      onChange={(e) => patch(r.id, { label: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      w={170}
                      ff="monospace"
                      aria-label={`${t('setup.scoring.engagementColumns.eventType')}: ${r.label}`}
                      value={r.eventType}
                      onChange={(e) => patch(r.id, { eventType: e.currentTarget.value.trim() })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff={r.property ? 'monospace' : undefined}>
                      {condition(r)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      w={80}
                      min={-100}
                      max={100}
                      aria-label={`${t('setup.scoring.engagementColumns.points')}: ${r.label}`}
                      value={r.points}
                      onChange={(v) => patch(r.id, { points: typeof v === 'number' ? v : 0 })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`${t('setup.scoring.engagementColumns.handRaise')}: ${r.label}`}
                      checked={r.handRaise === true}
                      onChange={(e) => patch(r.id, { handRaise: e.currentTarget.checked })}
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
