import { useState } from 'react';

/**
 * What is being typed into number inputs, so a half-typed "0." or an emptied field is not
 * replaced by the last parsed value. An emptied field applies NaN: the API then names it.
 */
export function useTyping() {
  const [typing, setTyping] = useState<Record<string, number | string>>({});
  return {
    value: (key: string, actual: number | string): number | string => typing[key] ?? actual,
    change: (key: string, v: number | string, apply: (n: number) => void) => {
      setTyping((s) => ({ ...s, [key]: v }));
      if (typeof v === 'number') apply(v);
      else if (v === '') apply(Number.NaN);
    },
  };
}
