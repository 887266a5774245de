import { useTranslation } from 'react-i18next';

const KNOWN = ['enterprise', 'mid_market', 'smb'] as const;

/** A tier's name in the user's language: the default tiers are translated, a workspace's own keys shown as written. */
export function useTierName(): (key: string) => string {
  const { t } = useTranslation();
  return (key) =>
    (KNOWN as readonly string[]).includes(key)
      ? t(`setup.teams.tierNames.${key as (typeof KNOWN)[number]}`)
      : key;
}
