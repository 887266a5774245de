import type { Widen } from '../../i18n/ja.ts';

/** Japanese texts of this area (the shape the English texts follow). */
export const cockpitJa = {
  overview: { title: '収益の全体像' },
  bottlenecks: { title: 'ボトルネック' },
};

export const cockpitEn: Widen<typeof cockpitJa> = {
  overview: { title: 'Revenue overview' },
  bottlenecks: { title: 'Bottlenecks' },
};
