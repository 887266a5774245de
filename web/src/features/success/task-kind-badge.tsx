import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The Customer Success task kinds (the API's `kind` values). */
export const TASK_KINDS = [
  'health_risk',
  'expansion_signal',
  'expansion',
  'renewal',
  'onboarding',
  'cs_handoff',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
const isTaskKind = (k: string): k is TaskKind => TASK_KINDS.includes(k as TaskKind);

const COLORS: Record<TaskKind, string> = {
  health_risk: 'red',
  expansion_signal: 'grape',
  expansion: 'grape',
  renewal: 'indigo',
  onboarding: 'cyan',
  cs_handoff: 'teal',
};

export function TaskKindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  if (!isTaskKind(kind))
    return (
      <Badge variant="outline" color="gray" size="sm">
        {kind}
      </Badge>
    );
  return (
    <Badge variant="light" color={COLORS[kind]} size="sm">
      {t(`success.taskKinds.${kind}`)}
    </Badge>
  );
}
