import { normalizeDomain } from '../crm/accounts.ts';
import { isFreeMail } from '../crm/free-mail.ts';
import { normalizeEmail } from '../crm/people.ts';
import type { Rng } from '../platform/random.ts';
import {
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  FREE_MAIL,
  GIVEN_NAMES,
  INDUSTRIES,
  REGIONS,
  SURNAMES,
  TITLES,
} from './demo-data.ts';

/**
 * The demo's market, generated purely from a seed and an anchor time: companies,
 * campaigns of every channel, people with the journeys that brought them in, anonymous
 * visitors, and the behaviour events of all of them. No I/O; generate-demo.ts writes it.
 */

const DAY = 86_400_000;

export interface DemoAccount {
  id: string;
  name: string;
  domain: string;
  industry: string;
  employeeCount: number;
  region: string;
  createdAt: Date;
}

export interface DemoCampaign {
  id: string;
  name: string;
  channel: string;
  startsOn: string;
  endsOn: string;
  cost: number;
  /** Midpoint of the campaign period, used to place its touches in time. */
  start: Date;
  end: Date;
}

export interface DemoPerson {
  id: string;
  accountId: string | null;
  email: string;
  emailNormalized: string;
  lastName: string;
  firstName: string;
  title: string;
  department: string;
  source: 'inbound' | 'outbound' | 'referral' | 'event';
  createdAt: Date;
  /** How interested this person is; drives engagement (and, later, scores and MQLs). */
  interest: 'hot' | 'warm' | 'cold';
  firstCampaignId: string;
}

export interface DemoVisitor {
  id: string;
  anonymousId: string;
  personId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  identifiedAt: Date | null;
}

export interface DemoEvent {
  id: string;
  type: string;
  occurredAt: Date;
  personId: string | null;
  visitorId: string | null;
  accountId: string | null;
  campaignId: string | null;
  properties: Record<string, string | number>;
  /** As tracking stores them: the demo's key, received when it happened. */
  idempotencyKey: string;
  receivedAt: Date;
}

export interface DemoMember {
  campaignId: string;
  personId: string;
  status: 'sent' | 'registered' | 'attended' | 'responded';
  firstTouchAt: Date;
}

export interface DemoMarket {
  accounts: DemoAccount[];
  campaigns: DemoCampaign[];
  people: DemoPerson[];
  visitors: DemoVisitor[];
  events: DemoEvent[];
  members: DemoMember[];
}

/** A version-4-shaped UUID drawn from the seeded generator, so ids repeat with the seed. */
export function seededUuid(rng: Rng): string {
  return String.fromCharCode(...drawUuidCodes(rng));
}

/**
 * Draws in the order of the text (8-4-4-4-12 digits) into one buffer of character codes:
 * a demo draws over 300,000 of these, and concatenating digit by digit made a string per
 * digit (a tenth of everything the demo's set-up allocated).
 */
function drawUuidCodes(rng: Rng): number[] {
  const codes = UUID_CODES;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) codes[i] = DASH;
    else if (i === 14) codes[i] = HEX_CODES[4]!;
    else if (i === 19) codes[i] = HEX_CODES[8 + rng.int(0, 3)]!;
    else codes[i] = HEX_CODES[rng.int(0, 15)]!;
  }
  return codes;
}
const UUID_CODES: number[] = new Array(36).fill(0);
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
/** Where the 12 hex digits of the milliseconds go in a version-7 id (the dash at 8 skipped). */
const TIME_DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12];

/**
 * A time-ordered (version 7) id for an event that happened at `at`, from the seed: the
 * events' primary key and idempotency key then grow at the right edge of their indexes
 * as the history is written in time order, as they do for live tracking (track-events.ts),
 * instead of landing on random index pages (a third of an event insert's cost at 300,000
 * events).
 */
export function seededUuidAt(rng: Rng, at: Date): string {
  // The same draws as seededUuid, so the rest of the seeded demo stays as it was; the
  // first 48 bits become the time in milliseconds and the version nibble a 7. The digits
  // are written into the drawn codes (Number#toString(16) and slicing cost more than
  // the draws).
  const codes = drawUuidCodes(rng);
  let ms = at.getTime();
  if (!(ms >= 0 && ms < 2 ** 48)) throw new RangeError(`no version-7 id for ${at.toISOString()}`);
  for (let d = 11; d >= 0; d--) {
    codes[TIME_DIGITS[d]!] = HEX_CODES[ms % 16]!;
    ms = Math.floor(ms / 16);
  }
  codes[14] = HEX_CODES[7]!;
  return String.fromCharCode(...codes);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function makeAccounts(rng: Rng, count: number, from: Date): DemoAccount[] {
  const used = new Set<string>();
  const accounts: DemoAccount[] = [];
  while (accounts.length < count) {
    const [stemJa, stemRo] = rng.pick(COMPANY_STEMS);
    const [sufJa, sufRo] = rng.pick(COMPANY_SUFFIXES);
    const industry = rng.weighted(INDUSTRIES.map((i) => [i, i[2]] as const));
    let domain = normalizeDomain(`${stemRo}-${sufRo}.co.jp`);
    let name = `${stemJa}${sufJa}株式会社`;
    for (let n = 2; used.has(domain); n++) {
      domain = normalizeDomain(`${stemRo}-${sufRo}${n}.co.jp`);
      name = `${stemJa}${sufJa}${n === 2 ? '第二' : n}株式会社`;
    }
    used.add(domain);
    const employeeCount = Math.max(5, Math.round(rng.logNormal(120, 1.4)));
    accounts.push({
      id: seededUuid(rng),
      name,
      domain,
      industry: industry[0],
      employeeCount,
      region: rng.weighted(REGIONS.map((r) => [r[0], r[1]] as const)),
      createdAt: new Date(from.getTime() - rng.int(0, 400) * DAY),
    });
  }
  return accounts;
}

/** Campaigns of every channel across the months, with costs in yen. */
function makeCampaigns(rng: Rng, from: Date, months: number): DemoCampaign[] {
  const out: DemoCampaign[] = [];
  const add = (name: string, channel: string, start: Date, days: number, cost: number) => {
    const end = new Date(start.getTime() + days * DAY);
    out.push({
      id: seededUuid(rng),
      name,
      channel,
      startsOn: isoDay(start),
      endsOn: isoDay(end),
      cost,
      start,
      end,
    });
  };
  for (let m = 0; m < months; m++) {
    const start = new Date(from.getTime() + m * 30 * DAY);
    const label = `${start.getUTCFullYear()}年${start.getUTCMonth() + 1}月`;
    add(`リスティング広告 ${label}`, 'web_ads', start, 29, 1_200_000 + rng.int(0, 6) * 100_000);
    add(`SNS広告 ${label}`, 'web_ads', start, 29, 400_000 + rng.int(0, 4) * 50_000);
    add(`メールマガジン ${label}`, 'email', start, 29, 30_000);
    add(
      `ホワイトペーパー「${rng.pick(['営業DX入門', 'THE MODEL実践ガイド', 'インサイドセールス立ち上げ', 'SaaS KPI大全', 'カスタマーサクセス成熟度診断'])}」${label}`,
      'content',
      start,
      29,
      350_000,
    );
    add(
      `ウェビナー「${rng.pick(['商談化率を2倍にする', '分業体制の作り方', 'MQL定義の決め方', 'チャーンを防ぐオンボーディング'])}」${label}`,
      'seminar',
      new Date(start.getTime() + 10 * DAY),
      14,
      250_000,
    );
    add(`共催セミナー ${label}`, 'seminar', new Date(start.getTime() + 20 * DAY), 7, 150_000);
    // An exhibition every four months from the second; a one-month history still gets one.
    if (m % 4 === 1 || months === 1)
      add(
        `展示会「${rng.pick(['営業DX EXPO', 'SaaS World Tokyo', 'マーケティングWeek'])}」${label}`,
        'exhibition',
        new Date(start.getTime() + 5 * DAY),
        3,
        4_500_000,
      );
    if (m % 3 === 0) add(`アウトバウンド ターゲットリスト ${label}`, 'outbound', start, 89, 300_000);
  }
  add('紹介プログラム', 'referral', from, months * 30, 600_000);
  return out;
}

function personName(rng: Rng) {
  const [lastName, lastRo] = rng.pick(SURNAMES);
  const [firstName, firstRo] = rng.pick(GIVEN_NAMES);
  return { lastName, firstName, lastRo, firstRo };
}

/** What a nurtured person does at each touch: the keen look at pricing four times as often. */
const touches = (pricing: number) =>
  [
    ['email_open', 0.34],
    ['email_click', 0.14],
    ['page_view', 0.3],
    ['content_download', 0.08],
    ['seminar_registered', 0.06],
    ['pricing_view', pricing],
  ] as const;
const COLD_TOUCHES = touches(0.02);
const KEEN_TOUCHES = touches(0.08);
/** Titles with their departments, weighted by their third field (how common the title is among leads). */
const TITLE_WEIGHTS = TITLES.map((t) => [t, t[2]] as const);

const PAGES = [
  '/',
  '/features',
  '/blog/the-model',
  '/blog/inside-sales',
  '/blog/kpi',
  '/case-studies',
  '/pricing',
  '/integrations',
];

/**
 * Generates the whole market. `peopleCount` people are acquired over `months` months
 * ending at `anchor`, with engagement afterwards; about 15 events a person.
 */
export function generateMarket(
  rng: Rng,
  options: { anchor: Date; months: number; peopleCount: number },
): DemoMarket {
  const { anchor, months, peopleCount } = options;
  const from = new Date(anchor.getTime() - months * 30 * DAY);
  const accounts = makeAccounts(rng, Math.max(50, Math.round(peopleCount / 5)), from);
  const campaigns = makeCampaigns(rng, from, months);
  // Grouped once: the lookups below run for most of the 300,000 events.
  const campaignsOf = new Map<string, DemoCampaign[]>();
  for (const c of campaigns) {
    if (!campaignsOf.has(c.channel)) campaignsOf.set(c.channel, []);
    campaignsOf.get(c.channel)!.push(c);
  }
  const byChannel = (channel: string) => campaignsOf.get(channel) ?? [];
  const seminars = byChannel('seminar');

  const people: DemoPerson[] = [];
  const visitors: DemoVisitor[] = [];
  const events: DemoEvent[] = [];
  const members: DemoMember[] = [];
  const emails = new Set<string>();
  const span = anchor.getTime() - from.getTime();

  // Each event is made whole here, as one object of one shape: adding the id and key to
  // the literals the callers build (of several shapes) cost more than a new object.
  const event = (e: Omit<DemoEvent, 'id' | 'idempotencyKey' | 'receivedAt'>) => {
    if (e.occurredAt.getTime() > anchor.getTime()) return;
    const id = seededUuidAt(rng, e.occurredAt);
    events.push({
      personId: e.personId,
      visitorId: e.visitorId,
      accountId: e.accountId,
      type: e.type,
      occurredAt: e.occurredAt,
      campaignId: e.campaignId,
      properties: e.properties,
      id,
      idempotencyKey: `demo:${id}`,
      receivedAt: e.occurredAt,
    });
  };
  const activeAt = (channel: string, at: Date) => {
    const t = at.getTime();
    const open = byChannel(channel).filter((c) => c.start.getTime() <= t && t <= c.end.getTime());
    return open.length ? rng.pick(open) : rng.pick(byChannel(channel));
  };

  for (let i = 0; i < peopleCount; i++) {
    // Demand grows over the year: later months acquire more people.
    const createdAt = new Date(from.getTime() + Math.sqrt(rng.next()) * span);
    const source = rng.weighted([
      ['inbound', 0.68],
      ['outbound', 0.14],
      ['event', 0.12],
      ['referral', 0.06],
    ] as const);
    const channel =
      source === 'outbound'
        ? 'outbound'
        : source === 'event'
          ? 'exhibition'
          : source === 'referral'
            ? 'referral'
            : rng.weighted([
                ['web_ads', 0.45],
                ['content', 0.3],
                ['seminar', 0.25],
              ] as const);
    const campaign = activeAt(channel, createdAt);
    const account = rng.chance(source === 'inbound' ? 0.85 : 1) ? rng.pick(accounts) : null;
    const n = personName(rng);
    const titleRow = rng.weighted(TITLE_WEIGHTS);
    const local = `${n.firstRo}.${n.lastRo}`;
    let email = `${local}@${account ? account.domain : rng.pick(FREE_MAIL)}`;
    for (let k = 2; emails.has(normalizeEmail(email)); k++) email = email.replace(/^[^@]+/, `${local}${k}`);
    emails.add(normalizeEmail(email));
    const interest = rng.weighted([
      ['hot', 0.08],
      ['warm', 0.3],
      ['cold', 0.62],
    ] as const);
    const person: DemoPerson = {
      id: seededUuid(rng),
      accountId: account && !isFreeMail(email) ? account.id : null,
      email,
      emailNormalized: normalizeEmail(email),
      lastName: n.lastName,
      firstName: n.firstName,
      title: titleRow[0],
      department: titleRow[1],
      source,
      createdAt,
      interest,
      firstCampaignId: campaign.id,
    };
    people.push(person);
    const base = { personId: person.id, visitorId: null, accountId: person.accountId };

    // How they arrived: anonymous browsing first for web channels, then the form that identified them.
    if (channel === 'web_ads' || channel === 'content' || channel === 'referral') {
      const visitor: DemoVisitor = {
        id: seededUuid(rng),
        anonymousId: seededUuid(rng),
        personId: person.id,
        firstSeenAt: new Date(createdAt.getTime() - rng.int(1, 20) * DAY),
        lastSeenAt: createdAt,
        identifiedAt: createdAt,
      };
      visitors.push(visitor);
      for (let v = rng.int(1, 5); v > 0; v--) {
        const at = new Date(
          visitor.firstSeenAt.getTime() + rng.next() * (createdAt.getTime() - visitor.firstSeenAt.getTime()),
        );
        // Anonymous until the form below identifies them; the merge then attaches these.
        event({
          personId: null,
          accountId: null,
          visitorId: visitor.id,
          type: 'page_view',
          occurredAt: at,
          campaignId: campaign.id,
          properties: { path: rng.pick(PAGES), utm_source: channel },
        });
      }
      const form =
        channel === 'referral'
          ? 'contact'
          : channel === 'content'
            ? 'ebook'
            : rng.pick(['ebook', 'newsletter', 'contact']);
      event({
        ...base,
        visitorId: visitor.id,
        type: 'form_submit',
        occurredAt: createdAt,
        campaignId: campaign.id,
        properties: { form },
      });
      members.push({
        campaignId: campaign.id,
        personId: person.id,
        status: 'responded',
        firstTouchAt: createdAt,
      });
    } else if (channel === 'seminar') {
      event({
        ...base,
        type: 'seminar_registered',
        occurredAt: createdAt,
        campaignId: campaign.id,
        properties: { seminar: campaign.name },
      });
      const attended = rng.chance(0.6);
      if (attended)
        event({
          ...base,
          type: 'seminar_attended',
          occurredAt: new Date(createdAt.getTime() + rng.int(1, 10) * DAY),
          campaignId: campaign.id,
          properties: { seminar: campaign.name },
        });
      members.push({
        campaignId: campaign.id,
        personId: person.id,
        status: attended ? 'attended' : 'registered',
        firstTouchAt: createdAt,
      });
    } else if (channel === 'exhibition') {
      event({
        ...base,
        type: 'booth_visit',
        occurredAt: createdAt,
        campaignId: campaign.id,
        properties: { exhibition: campaign.name },
      });
      members.push({
        campaignId: campaign.id,
        personId: person.id,
        status: 'attended',
        firstTouchAt: createdAt,
      });
    } else {
      members.push({ campaignId: campaign.id, personId: person.id, status: 'sent', firstTouchAt: createdAt });
    }

    // Nurturing afterwards: newsletters, content, seminars, and for the keen the pricing page and a demo request.
    const rate = interest === 'hot' ? 2.2 : interest === 'warm' ? 0.9 : 0.25; // touches a week
    for (
      let t = createdAt.getTime() + rng.exponential((7 / rate) * DAY);
      t < anchor.getTime();
      t += rng.exponential((7 / rate) * DAY)
    ) {
      const at = new Date(t);
      const kind = rng.weighted(interest === 'cold' ? COLD_TOUCHES : KEEN_TOUCHES);
      if (kind === 'email_open' || kind === 'email_click') {
        event({
          ...base,
          type: kind,
          occurredAt: at,
          campaignId: activeAt('email', at).id,
          properties: { newsletter: 'monthly' },
        });
      } else if (kind === 'page_view') {
        event({
          ...base,
          type: 'page_view',
          occurredAt: at,
          campaignId: null,
          properties: { path: rng.pick(PAGES) },
        });
      } else if (kind === 'pricing_view') {
        event({
          ...base,
          type: 'page_view',
          occurredAt: at,
          campaignId: null,
          properties: { path: '/pricing' },
        });
      } else if (kind === 'content_download') {
        const c = activeAt('content', at);
        event({
          ...base,
          type: 'content_download',
          occurredAt: at,
          campaignId: c.id,
          properties: { asset: c.name },
        });
      } else {
        const s =
          seminars.find((c) => c.start.getTime() <= at.getTime() && at.getTime() <= c.end.getTime()) ??
          rng.pick(seminars);
        event({
          ...base,
          type: 'seminar_registered',
          occurredAt: at,
          campaignId: s.id,
          properties: { seminar: s.name },
        });
        if (rng.chance(0.55))
          event({
            ...base,
            type: 'seminar_attended',
            occurredAt: new Date(t + rng.int(1, 7) * DAY),
            campaignId: s.id,
            properties: { seminar: s.name },
          });
      }
    }
    if (interest === 'hot' && rng.chance(0.45)) {
      const at = new Date(createdAt.getTime() + rng.int(3, 90) * DAY);
      event({
        ...base,
        type: 'form_submit',
        occurredAt: at,
        campaignId: null,
        properties: { form: 'demo_request' },
      });
    }
  }

  // Visitors who never identify: the anonymous top of the funnel.
  for (let i = 0; i < Math.round(peopleCount / 2); i++) {
    const firstSeenAt = new Date(from.getTime() + rng.next() * span);
    const visitor: DemoVisitor = {
      id: seededUuid(rng),
      anonymousId: seededUuid(rng),
      personId: null,
      firstSeenAt,
      lastSeenAt: firstSeenAt,
      identifiedAt: null,
    };
    const campaign = activeAt('web_ads', firstSeenAt);
    for (let v = rng.int(1, 4); v > 0; v--) {
      const at = new Date(firstSeenAt.getTime() + rng.int(0, 72) * 3_600_000);
      if (at > visitor.lastSeenAt && at <= anchor) visitor.lastSeenAt = at;
      event({
        personId: null,
        visitorId: visitor.id,
        accountId: null,
        type: 'page_view',
        occurredAt: at,
        campaignId: campaign.id,
        properties: { path: rng.pick(PAGES), utm_source: 'web_ads' },
      });
    }
    visitors.push(visitor);
  }
  return { accounts, campaigns, people, visitors, events, members };
}
