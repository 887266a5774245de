import type { Widen } from '../../i18n/ja.ts';

/** Japanese texts of this area (the shape the English texts follow). */
export const planningJa = {
  plan: { title: '逆算プラン' },
  scenarios: { title: 'シナリオ比較' },
  orgSim: { title: '組織モデルのシミュレーション' },
};

export const planningEn: Widen<typeof planningJa> = {
  plan: { title: 'Reverse plan' },
  scenarios: { title: 'Scenarios' },
  orgSim: { title: 'Org-model simulation' },
};
