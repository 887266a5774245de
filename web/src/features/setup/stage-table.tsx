import {
  ActionIcon,
  Badge,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActionsTh } from '../../app/table-parts.tsx';
import { ROLES, STAGE_TYPES, type StageDefinition } from './api.ts';

export type StagePatch = Partial<StageDefinition>;

/** A stage's label in the user's language. */
export function stageLabel(stage: Pick<StageDefinition, 'labelJa' | 'labelEn' | 'key'>, language: string) {
  return (language === 'en' ? stage.labelEn : stage.labelJa) || stage.key;
}

/** The stages of one lifecycle in order, every field editable in place. */
export function StageTable({
  stages,
  savedKeys,
  issues,
  onChange,
  onMove,
  onRemove,
}: {
  stages: StageDefinition[];
  /** Keys of the version in force: their key cannot be renamed (that would be a removal). */
  savedKeys: Set<string>;
  /** Problems by stage index, to mark the rows. */
  issues: Map<number, string[]>;
  onChange: (index: number, patch: StagePatch) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onRemove: (index: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const keyOptions = stages.map((s) => ({ value: s.key, label: stageLabel(s, i18n.language) }));
  return (
    <Table.ScrollContainer minWidth={1280}>
      <Table verticalSpacing="xs" data-testid="stages-table" style={{ verticalAlign: 'top' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('setup.stages.columns.order')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.key')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.labelJa')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.labelEn')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.type')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.maxDwell')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.owner')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.transitions')}</Table.Th>
            <Table.Th>{t('setup.stages.columns.handoff')}</Table.Th>
            <ActionsTh />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stages.map((s, i) => {
            const name = stageLabel(s, i18n.language);
            const rowIssues = issues.get(i);
            const label = (column: string) => `${column}: ${name}`;
            return (
              <Table.Tr
                // biome-ignore lint/suspicious/noArrayIndexKey: a new stage's key is being typed, so it cannot be the row's identity
                key={`${i}:${savedKeys.has(s.key) ? s.key : 'new'}`}
                bg={rowIssues ? 'var(--mantine-color-red-light)' : undefined}
                data-testid={`stage-row-${s.key}`}
              >
                <Table.Td className="num">
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      onClick={() => onMove(i, -1)}
                      disabled={i === 0}
                      aria-label={t('setup.stages.moveUp', { name })}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      onClick={() => onMove(i, 1)}
                      disabled={i === stages.length - 1}
                      aria-label={t('setup.stages.moveDown', { name })}
                    >
                      ↓
                    </ActionIcon>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {savedKeys.has(s.key) ? (
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" ff="monospace">
                        {s.key}
                      </Text>
                      <Badge size="xs" variant="light" color={s.path === 'success' ? 'indigo' : 'orange'}>
                        {t(`setup.stages.paths.${s.path}`)}
                      </Badge>
                      {s.isRecycle ? (
                        <Badge size="xs" variant="outline" color="orange">
                          {t('setup.stages.recycle')}
                        </Badge>
                      ) : null}
                    </Group>
                  ) : (
                    <TextInput
                      size="xs"
                      w={130}
                      aria-label={t('setup.stages.newStageKey')}
                      value={s.key}
                      onChange={(e) => onChange(i, { key: e.currentTarget.value })}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={150}
                    aria-label={label(t('setup.stages.columns.labelJa'))}
                    value={s.labelJa}
                    onChange={(e) => onChange(i, { labelJa: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={140}
                    aria-label={label(t('setup.stages.columns.labelEn'))}
                    value={s.labelEn}
                    onChange={(e) => onChange(i, { labelEn: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    w={150}
                    aria-label={label(t('setup.stages.columns.type'))}
                    data={STAGE_TYPES.map((v) => ({ value: v, label: t(`setup.stages.types.${v}`) }))}
                    value={s.type}
                    allowDeselect={false}
                    onChange={(v) =>
                      v &&
                      onChange(i, {
                        type: v as StageDefinition['type'],
                        maxDwellHours: v === 'sla' ? s.maxDwellHours : null,
                      })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    w={100}
                    min={1}
                    max={24 * 365}
                    disabled={s.type !== 'sla'}
                    aria-label={label(t('setup.stages.columns.maxDwell'))}
                    value={s.maxDwellHours ?? ''}
                    onChange={(v) => onChange(i, { maxDwellHours: typeof v === 'number' ? v : null })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    w={170}
                    aria-label={label(t('setup.stages.columns.owner'))}
                    placeholder={t('setup.stages.noOwner')}
                    clearable
                    data={roleOptions}
                    value={s.owningRole}
                    onChange={(v) =>
                      onChange(i, { owningRole: (v as StageDefinition['owningRole']) ?? null })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <MultiSelect
                    size="xs"
                    w={240}
                    aria-label={label(t('setup.stages.columns.transitions'))}
                    data={keyOptions.filter((o) => o.value !== s.key)}
                    value={s.transitions}
                    onChange={(v) => onChange(i, { transitions: v })}
                  />
                </Table.Td>
                <Table.Td>
                  {s.handoff ? (
                    <Group gap={6} wrap="nowrap">
                      <Tooltip
                        label={t('setup.stages.handoffTo', {
                          from: t(`roles.${s.handoff.fromRole}`),
                          to: t(`roles.${s.handoff.toRole}`),
                        })}
                      >
                        <Badge size="sm" variant="light">
                          {s.handoff.kind.toUpperCase()}
                        </Badge>
                      </Tooltip>
                      <NumberInput
                        size="xs"
                        w={80}
                        min={0.5}
                        max={2000}
                        aria-label={label(t('setup.stages.columns.handoff'))}
                        value={s.handoff.slaBusinessHours}
                        onChange={(v) =>
                          s.handoff &&
                          onChange(i, {
                            handoff: { ...s.handoff, slaBusinessHours: typeof v === 'number' ? v : 0 },
                          })
                        }
                      />
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('setup.stages.noHandoff')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => onRemove(i)}
                    aria-label={t('setup.stages.removeStage', { name })}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
