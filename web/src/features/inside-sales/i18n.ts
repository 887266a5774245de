import type { Widen } from '../../i18n/ja.ts';

/** Japanese texts of this area (the shape the English texts follow). */
export const insideSalesJa = {
  queue: { title: 'ワークキュー' },
  handoffs: { title: '引き継ぎ' },
  cadences: { title: 'ケイデンス' },
};

export const insideSalesEn: Widen<typeof insideSalesJa> = {
  queue: { title: 'Work queue' },
  handoffs: { title: 'Hand-offs' },
  cadences: { title: 'Cadences' },
};
