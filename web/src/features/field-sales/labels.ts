import { useTranslation } from 'react-i18next';
import type { fieldSalesJa } from './i18n.ts';

type Known<T> = keyof T & string;
type CriterionKey = Known<typeof fieldSalesJa.exitCriteria>;
type LossReasonKey = Known<typeof fieldSalesJa.lossReasons>;

/**
 * Names of configured things in the user's language: the default exit criteria and loss
 * reasons are translated; ones a workspace added show as configured.
 */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const has = (key: string) => i18n.exists(key);
  return {
    phase: (phase: string) =>
      has(`fieldSales.phases.${phase}`) ? t(`fieldSales.phases.${phase as 'won'}`) : phase,
    type: (type: string) => (has(`fieldSales.types.${type}`) ? t(`fieldSales.types.${type as 'new'}`) : type),
    category: (c: string | null) =>
      c && has(`fieldSales.categories.${c}`)
        ? t(`fieldSales.categories.${c as 'commit'}`)
        : (c ?? t('common.none')),
    criterion: (item: { key: string; label: string }) =>
      has(`fieldSales.exitCriteria.${item.key}`)
        ? t(`fieldSales.exitCriteria.${item.key as CriterionKey}`)
        : item.label,
    lossReason: (reason: string) =>
      has(`fieldSales.lossReasons.${reason}`)
        ? t(`fieldSales.lossReasons.${reason as LossReasonKey}`)
        : reason,
  };
}
