import type { Role } from '../platform/context.ts';
import { defaultCapacity } from '../workspace/users.ts';

/** The fictional vendor whose revenue team the demo workspace shows. */
export const DEMO_WORKSPACE = {
  name: 'リレーションクラウド株式会社',
  slug: 'demo',
  timeZone: 'Asia/Tokyo',
  fiscalYearStartMonth: 4,
  currency: 'JPY',
  locale: 'ja' as const,
  orgModel: 'pods' as const,
};

export const DEMO_ADMIN_EMAIL = 'admin@demo.baton.example';

export interface DemoTeam {
  key: string;
  name: string;
  kind: 'marketing' | 'pod' | 'function';
  function: string | null;
  /** Accounts this POD owns: a rule over account fields (DOMAIN.md section 2). */
  segmentRule: unknown;
}

export interface DemoUser {
  key: string;
  displayName: string;
  email: string;
  team: string | null;
  roles: Role[];
}

/** Marketing as one team; two PODs (enterprise: 500+ employees, SMB: below) holding every role. */
export const DEMO_TEAMS: DemoTeam[] = [
  { key: 'mkt', name: 'マーケティング', kind: 'marketing', function: 'marketing', segmentRule: null },
  {
    key: 'ent',
    name: 'エンタープライズPOD',
    kind: 'pod',
    function: null,
    segmentRule: { field: 'employeeCount', op: 'gte', value: 500 },
  },
  {
    key: 'smb',
    name: 'SMB POD',
    kind: 'pod',
    function: null,
    segmentRule: { field: 'employeeCount', op: 'lt', value: 500 },
  },
  { key: 'cs', name: 'カスタマーサクセス拡販', kind: 'function', function: 'am', segmentRule: null },
];

const u = (
  key: string,
  displayName: string,
  email: string,
  team: string | null,
  roles: Role[],
): DemoUser => ({
  key,
  displayName,
  email: `${email}@demo.baton.example`,
  team,
  roles,
});

export const DEMO_USERS: DemoUser[] = [
  u('admin', '管理者 (RevOps)', 'admin', null, ['admin']),
  u('revops', '西村 京子', 'kyoko.nishimura', null, ['manager']),
  u('mkt_mgr', '藤原 涼子', 'ryoko.fujiwara', 'mkt', ['marketing', 'manager']),
  u('mkt1', '今井 隼人', 'hayato.imai', 'mkt', ['marketing']),
  u('mkt2', '原田 美穂', 'miho.harada', 'mkt', ['marketing']),
  u('ent_mgr', '黒田 剛', 'tsuyoshi.kuroda', 'ent', ['manager']),
  u('ent_mdr1', '松井 花', 'hana.matsui', 'ent', ['mdr']),
  u('ent_sdr1', '野口 海斗', 'kaito.noguchi', 'ent', ['sdr']),
  u('ent_ae1', '大野 健', 'ken.ono', 'ent', ['ae']),
  u('ent_ae2', '菅原 優', 'yu.sugawara', 'ent', ['ae']),
  u('ent_onb1', '久保 瞳', 'hitomi.kubo', 'ent', ['onb']),
  u('ent_csm1', '千葉 拓海', 'takumi.chiba', 'ent', ['csm']),
  u('smb_mgr', '安藤 真理', 'mari.ando', 'smb', ['manager']),
  u('smb_mdr1', '岩崎 陸', 'riku.iwasaki', 'smb', ['mdr']),
  u('smb_mdr2', '中野 七海', 'nanami.nakano', 'smb', ['mdr']),
  u('smb_sdr1', '小野寺 光', 'hikaru.onodera', 'smb', ['sdr']),
  u('smb_ae1', '桑原 大地', 'daichi.kuwabara', 'smb', ['ae']),
  u('smb_ae2', '宮本 葵', 'aoi.miyamoto', 'smb', ['ae']),
  u('smb_ae3', '内田 颯', 'hayate.uchida', 'smb', ['ae']),
  u('smb_onb1', '杉山 彩花', 'ayaka.sugiyama', 'smb', ['onb']),
  u('smb_csm1', '横山 悠', 'haruka.yokoyama', 'smb', ['csm']),
  u('smb_csm2', '増田 圭', 'kei.masuda', 'smb', ['csm']),
  u('am1', '平野 修', 'osamu.hirano', 'cs', ['am']),
  u('adr1', '丸山 結', 'yui.maruyama', 'cs', ['adr']),
];

export function demoCapacity(role: Role): number | null {
  return defaultCapacity(role);
}
