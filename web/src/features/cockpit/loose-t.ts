import { useTranslation } from 'react-i18next';

/** `t` for keys built at run time from API values (node keys, finding kinds, roles); `defaultValue` covers unknown ones. */
export type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function useLooseT(): LooseT {
  const { t } = useTranslation();
  return t as unknown as LooseT;
}
