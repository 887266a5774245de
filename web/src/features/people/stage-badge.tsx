import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLeadStage, STAGE_COLORS } from './api.ts';

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useTranslation();
  if (!isLeadStage(stage)) return <Badge variant="outline">{stage}</Badge>;
  return (
    <Badge variant="light" color={STAGE_COLORS[stage]}>
      {t(`stages.${stage}`)}
    </Badge>
  );
}
