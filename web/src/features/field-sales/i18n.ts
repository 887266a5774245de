import type { Widen } from '../../i18n/ja.ts';

/** Japanese texts of this area (the shape the English texts follow). */
export const fieldSalesJa = {
  pipeline: { title: 'パイプライン' },
  hygiene: { title: 'パイプラインの衛生' },
  forecast: { title: 'フォーキャスト' },
};

export const fieldSalesEn: Widen<typeof fieldSalesJa> = {
  pipeline: { title: 'Pipeline' },
  hygiene: { title: 'Pipeline hygiene' },
  forecast: { title: 'Forecast' },
};
