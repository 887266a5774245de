import type { Widen } from '../../i18n/ja.ts';

/** Japanese texts of this area (the shape the English texts follow). */
export const successJa = {
  health: { title: 'ヘルススコア' },
  renewals: { title: '契約更新' },
  mrr: { title: 'MRR の動き' },
  onboarding: { title: 'オンボーディング' },
  csTasks: { title: 'リスクと拡大' },
};

export const successEn: Widen<typeof successJa> = {
  health: { title: 'Customer health' },
  renewals: { title: 'Renewals' },
  mrr: { title: 'MRR movements' },
  onboarding: { title: 'Onboarding' },
  csTasks: { title: 'Risks and expansion' },
};
