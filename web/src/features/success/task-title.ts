import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { Task } from './api.ts';

/** Checklist items the default templates name; others fall back to the title the API stored. */
export const CHECKLIST_ITEMS = [
  'kickoff',
  'admin_setup',
  'data_import',
  'first_value',
  'training',
  'success_plan',
  'sso',
] as const;
type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const isChecklistItem = (key: unknown): key is ChecklistItem =>
  CHECKLIST_ITEMS.includes(key as ChecklistItem);

/**
 * The stored titles are written "日本語 / English"; show the part in the reader's language.
 * A title without the separator is shown as it is.
 */
export function titleIn(title: string, language: string): string {
  const at = title.lastIndexOf(' / ');
  if (at < 0) return title;
  return language === 'en' ? title.slice(at + 3) : title.slice(0, at);
}

/** The checklist item key of an onboarding task, if it has one. */
export const checklistKey = (task: Pick<Task, 'details'>): unknown => task.details.item;

/**
 * The title of a task in the reader's language: the Customer Success kinds are named from
 * their kind and details (the account is shown beside them), a known checklist item by its
 * key; anything else by the title the API stored.
 */
export function useTaskTitle() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  return (task: Pick<Task, 'title' | 'kind' | 'details'>) => {
    const d = task.details;
    switch (task.kind) {
      case 'onboarding': {
        const key = checklistKey(task);
        return isChecklistItem(key) ? t(`success.checklist.${key}`) : titleIn(task.title, i18n.language);
      }
      case 'health_risk':
        return typeof d.score === 'number'
          ? t('success.tasks.titles.health_risk', { score: d.score })
          : titleIn(task.title, i18n.language);
      case 'renewal':
        return typeof d.renewsOn === 'string'
          ? t('success.tasks.titles.renewal', { date: fmt.calendarDate(d.renewsOn) })
          : titleIn(task.title, i18n.language);
      case 'expansion_signal':
      case 'expansion':
      case 'cs_handoff':
        return t(`success.tasks.titles.${task.kind}`);
      default:
        return titleIn(task.title, i18n.language);
    }
  };
}
