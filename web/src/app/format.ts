import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { makeFormatters } from './formatters.ts';
import { useSession } from './session.tsx';

const LOCALES = { ja: 'ja-JP', en: 'en-US' } as const;

/**
 * Formatters in the user's language with the workspace's currency and time zone. Every
 * figure on screen goes through these.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const { workspace } = useSession();
  const locale = LOCALES[i18n.language as keyof typeof LOCALES] ?? LOCALES.ja;
  return useMemo(
    () => makeFormatters(locale, workspace.currency, workspace.timeZone),
    [locale, workspace.currency, workspace.timeZone],
  );
}
