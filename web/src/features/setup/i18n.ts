import type { Widen } from '../../i18n/ja.ts';

/** Japanese texts of this area (the shape the English texts follow). */
export const setupJa = {
  stages: { title: 'ステージと SLA' },
  scoring: { title: 'スコアリング' },
  teams: { title: 'セグメントとチーム' },
  tracking: { title: 'トラッキング' },
  webhooks: { title: 'Webhook' },
  import: { title: 'インポート' },
};

export const setupEn: Widen<typeof setupJa> = {
  stages: { title: 'Stages and SLAs' },
  scoring: { title: 'Scoring' },
  teams: { title: 'Segments and teams' },
  tracking: { title: 'Tracking' },
  webhooks: { title: 'Webhooks' },
  import: { title: 'Import' },
};
