import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lifecycle, type StageDefinition, useStages } from './api.ts';

/** Stage names as the workspace configured them, in the user's language (the key until they load). */
export function useStageLabels(lifecycle: Lifecycle) {
  const { i18n } = useTranslation();
  const stages = useStages(lifecycle);
  const defs = stages.data?.definition.stages ?? [];
  const label = useCallback(
    (key: string) => {
      const s = defs.find((d) => d.key === key);
      if (!s) return key;
      return i18n.language === 'en' ? s.labelEn : s.labelJa;
    },
    [defs, i18n.language],
  );
  return { label, definition: stages.data?.definition, query: stages };
}

/** The stages of a definition in their configured order. */
export const byOrder = (stages: StageDefinition[]) => [...stages].sort((a, b) => a.order - b.order);
