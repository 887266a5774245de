/** Credit models: all of a conversion to the first touch, to the last, or split equally over every touch before it. */
export const MODELS = ['firstTouch', 'lastTouch', 'linear'] as const;
export type Model = (typeof MODELS)[number];

/** What is credited: records becoming leads, MQLs, SQLs; pipeline created and MRR won (amounts). */
export const OUTCOMES = ['leads', 'mqls', 'sqls', 'pipelineMrr', 'wins', 'wonMrr'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Touch {
  personId: string;
  campaignId: string;
  at: Date;
}

export interface Conversion {
  personId: string;
  outcome: Outcome;
  at: Date;
  /** 1 for counts, the MRR for amounts. */
  amount: number;
}

export type Credit = Record<string, Record<Outcome, Record<Model, number>>>;

const blank = () =>
  Object.fromEntries(OUTCOMES.map((o) => [o, { firstTouch: 0, lastTouch: 0, linear: 0 }])) as Record<
    Outcome,
    Record<Model, number>
  >;

/**
 * Credits each conversion to the campaigns that touched the person at or before it
 * (pure). A conversion without an earlier touch is left unattributed (`''`), not spread.
 */
export function creditConversions(conversions: Conversion[], touches: Touch[]): Credit {
  const byPerson = new Map<string, Touch[]>();
  for (const t of touches) byPerson.set(t.personId, [...(byPerson.get(t.personId) ?? []), t]);
  for (const list of byPerson.values())
    list.sort((a, b) => a.at.getTime() - b.at.getTime() || a.campaignId.localeCompare(b.campaignId));
  const credit: Credit = {};
  const give = (campaign: string, outcome: Outcome, model: Model, x: number) => {
    credit[campaign] ??= blank();
    credit[campaign][outcome][model] += x;
  };
  for (const c of conversions) {
    const before = (byPerson.get(c.personId) ?? []).filter((t) => t.at.getTime() <= c.at.getTime());
    if (before.length === 0) {
      for (const model of MODELS) give('', c.outcome, model, c.amount);
      continue;
    }
    give(before[0]!.campaignId, c.outcome, 'firstTouch', c.amount);
    give(before[before.length - 1]!.campaignId, c.outcome, 'lastTouch', c.amount);
    for (const t of before) give(t.campaignId, c.outcome, 'linear', c.amount / before.length);
  }
  return credit;
}

export interface CampaignInfo {
  id: string;
  name: string;
  channel: string;
  cost: number;
}

const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const per = (cost: number, n: number) => (n > 0 ? r2(cost / n) : null);

/**
 * Per campaign: credited outcomes per model, cost per lead / MQL / SQL / win (on linear
 * credit) and ROI per model = (won MRR × 12 − cost) ÷ cost, i.e. the first year's
 * revenue against what the campaign cost.
 */
export function shapeAttribution(credit: Credit, campaigns: CampaignInfo[]) {
  const rows = campaigns.map((c) => {
    const k = credit[c.id] ?? blank();
    const roi = (m: Model) => (c.cost > 0 ? r2((k.wonMrr[m] * 12 - c.cost) / c.cost) : null);
    return {
      campaignId: c.id,
      name: c.name,
      channel: c.channel,
      cost: c.cost,
      credit: Object.fromEntries(
        OUTCOMES.map((o) => [o, Object.fromEntries(MODELS.map((m) => [m, r2(k[o][m])]))]),
      ),
      costPerLead: per(c.cost, k.leads.linear),
      costPerMql: per(c.cost, k.mqls.linear),
      costPerSql: per(c.cost, k.sqls.linear),
      costPerWin: per(c.cost, k.wins.linear),
      roi: { firstTouch: roi('firstTouch'), lastTouch: roi('lastTouch'), linear: roi('linear') },
    };
  });
  const un = credit[''] ?? blank();
  return {
    campaigns: rows.sort(
      (a, b) =>
        (b.credit.wonMrr?.linear ?? 0) - (a.credit.wonMrr?.linear ?? 0) ||
        (b.credit.leads?.linear ?? 0) - (a.credit.leads?.linear ?? 0),
    ),
    unattributed: Object.fromEntries(OUTCOMES.map((o) => [o, r2(un[o].linear)])),
  };
}
