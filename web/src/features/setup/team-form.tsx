import { Alert, Group, MultiSelect, NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { type OrgModel, ROLES, type Team } from './api.ts';
import { ORG_MODEL_KEY } from './org-model-card.tsx';
import { EMPTY_SEGMENT, formToSegment, type SegmentForm, segmentToForm } from './segment-rule.ts';
import { useTierName } from './tier-name.ts';

const KINDS = ['function', 'pod', 'marketing'] as const;

/** Creates a team or edits its name, role and segment. */
export function TeamForm({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const tierName = useTierName();
  const client = useQueryClient();
  const org = useQuery({ queryKey: ORG_MODEL_KEY, queryFn: () => api<OrgModel>('/org-model') });
  const [name, setName] = useState(team?.name ?? '');
  const [kind, setKind] = useState<Team['kind']>(team?.kind ?? 'pod');
  const [role, setRole] = useState<string | null>(team?.function ?? null);
  const initial = segmentToForm(team?.segmentRule ?? null);
  const [segment, setSegment] = useState<SegmentForm>(initial ?? EMPTY_SEGMENT);
  const editable = initial !== null;
  const set = (patch: Partial<SegmentForm>) => setSegment((s) => ({ ...s, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const segmentRule = kind === 'pod' ? (editable ? formToSegment(segment) : team?.segmentRule) : null;
      const fn = kind === 'function' ? role : null;
      return team
        ? api<Team>(`/teams/${team.id}`, {
            method: 'PATCH',
            body: { version: team.version, name, function: fn, segmentRule },
          })
        : api<Team>('/teams', { method: 'POST', body: { name, kind, function: fn, segmentRule } });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['/teams'] });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const tiers = (org.data?.salesFloor.tiers ?? []).map((x) => x.key);
  return (
    <FormModal
      onClose={onClose}
      title={team ? t('setup.teams.editTeam', { name: team.name }) : t('setup.teams.newTeam')}
      size="lg"
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={t('common.save')}
    >
      <TextInput
        label={t('setup.teams.name')}
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
      />
      <Select
        label={t('setup.teams.kind')}
        data={KINDS.map((k) => ({ value: k, label: t(`setup.teams.kinds.${k}`) }))}
        value={kind}
        allowDeselect={false}
        disabled={team !== null}
        onChange={(v) => v && setKind(v as Team['kind'])}
      />
      {kind === 'function' ? (
        <Select
          label={t('setup.teams.function')}
          required
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={setRole}
          error={errors.function}
        />
      ) : null}
      {kind === 'pod' && !editable ? (
        <Alert color="gray" variant="light">
          {t('setup.teams.rule.complex')}
        </Alert>
      ) : null}
      {kind === 'pod' && editable ? (
        <>
          <MultiSelect
            label={t('setup.teams.rule.tiers')}
            data={[...new Set([...tiers, ...segment.tiers])].map((k) => ({ value: k, label: tierName(k) }))}
            value={segment.tiers}
            onChange={(v) => set({ tiers: v })}
          />
          <TagsInput
            label={t('setup.teams.rule.industries')}
            description={t('setup.teams.rule.industriesHint')}
            value={segment.industries}
            onChange={(v) => set({ industries: v })}
          />
          <TagsInput
            label={t('setup.teams.rule.regions')}
            description={t('setup.teams.rule.regionsHint')}
            value={segment.regions}
            onChange={(v) => set({ regions: v })}
          />
          <Group grow>
            <NumberInput
              label={t('setup.teams.rule.minEmployees')}
              min={0}
              value={segment.minEmployees ?? ''}
              onChange={(v) => set({ minEmployees: typeof v === 'number' ? v : null })}
            />
            <NumberInput
              label={t('setup.teams.rule.maxEmployees')}
              min={1}
              value={segment.maxEmployees ?? ''}
              onChange={(v) => set({ maxEmployees: typeof v === 'number' ? v : null })}
            />
          </Group>
          {errors.segmentRule ? (
            <Alert color="red" variant="light">
              {t('setup.teams.rule.podNeedsRule')}
            </Alert>
          ) : null}
        </>
      ) : null}
    </FormModal>
  );
}
