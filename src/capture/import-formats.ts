import { z } from 'zod';
import { parseExportDate } from './import-dates.ts';

/** The CSV layouts `baton import` reads, by the exporting system's own column names. */
export const IMPORT_FORMATS = [
  'hubspot-contacts',
  'salesforce-leads',
  'people',
  'hubspot-deals',
  'salesforce-opportunities',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const PEOPLE_FORMATS = new Set<ImportFormat>(['hubspot-contacts', 'salesforce-leads', 'people']);

/** One person read from a row, with the stages the source system recorded. */
export interface ImportedPerson {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  source: string | null;
  createdAt: Date | null;
  stage: string;
  dated: { stage: string; at: Date }[];
  campaign: string | null;
}

export interface CellError {
  column: string;
  message: string;
}

interface Layout {
  required: string[];
  email: string;
  firstName: string[];
  lastName: string[];
  company: string[];
  title: string[];
  phone: string[];
  source: string[];
  created: string[];
  stage: string[];
  campaign: string[];
  /** Column → the Baton stage its date means. */
  dates: Record<string, string>;
  stageMap: (value: string) => string | null;
}

const key = (v: string) => v.toLowerCase().replace(/[\s_-]+/g, '');

const BATON_STAGES = [
  'lead',
  'nurturing',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
  'recycled',
  'lost',
  'churned',
];

/** HubSpot lifecycle stage values (internal names and labels) → Baton stages. */
const HUBSPOT_STAGES: Record<string, string> = {
  subscriber: 'lead',
  lead: 'lead',
  marketingqualifiedlead: 'mql',
  mql: 'mql',
  salesqualifiedlead: 'sql',
  sql: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
  evangelist: 'customer',
  other: 'lead',
};

/** Salesforce lead statuses (standard picklist) → Baton stages. */
const SALESFORCE_STATUSES: Record<string, string> = {
  opennotcontacted: 'lead',
  open: 'lead',
  workingcontacted: 'sal',
  working: 'sal',
  nurturing: 'nurturing',
  closedconverted: 'sql',
  converted: 'sql',
  closednotconverted: 'disqualified',
  unqualified: 'disqualified',
};

const direct = (v: string) => (BATON_STAGES.includes(key(v)) ? key(v) : null);

export const LAYOUTS: Record<'hubspot-contacts' | 'salesforce-leads' | 'people', Layout> = {
  'hubspot-contacts': {
    required: ['Email'],
    email: 'Email',
    firstName: ['First Name'],
    lastName: ['Last Name'],
    company: ['Company Name', 'Company'],
    title: ['Job Title'],
    phone: ['Phone Number', 'Mobile Phone Number'],
    source: ['Original Source'],
    created: ['Create Date'],
    stage: ['Lifecycle Stage'],
    campaign: ['First Conversion', 'Campaign'],
    dates: {
      'Became a Lead Date': 'lead',
      'Became a Subscriber Date': 'lead',
      'Became a Marketing Qualified Lead Date': 'mql',
      'Became a Sales Qualified Lead Date': 'sql',
      'Became an Opportunity Date': 'opportunity',
      'Became a Customer Date': 'customer',
      'Became an Evangelist Date': 'customer',
    },
    stageMap: (v) => HUBSPOT_STAGES[key(v)] ?? direct(v),
  },
  'salesforce-leads': {
    required: ['Email'],
    email: 'Email',
    firstName: ['FirstName', 'First Name'],
    lastName: ['LastName', 'Last Name'],
    company: ['Company'],
    title: ['Title'],
    phone: ['Phone', 'MobilePhone'],
    source: ['LeadSource', 'Lead Source'],
    created: ['CreatedDate', 'Created Date'],
    stage: ['Status', 'Lead Status'],
    campaign: ['Campaign', 'CampaignName', 'LeadSource', 'Lead Source'],
    dates: { ConvertedDate: 'sql', 'Converted Date': 'sql' },
    stageMap: (v) => SALESFORCE_STATUSES[key(v)] ?? direct(v),
  },
  people: {
    required: ['email'],
    email: 'email',
    firstName: ['firstName', 'first_name'],
    lastName: ['lastName', 'last_name'],
    company: ['company'],
    title: ['title'],
    phone: ['phone'],
    source: ['source'],
    created: ['createdAt', 'created_at'],
    stage: ['lifecycleStage', 'stage'],
    campaign: ['campaign'],
    dates: {
      leadAt: 'lead',
      mqlAt: 'mql',
      salAt: 'sal',
      sqlAt: 'sql',
      opportunityAt: 'opportunity',
      customerAt: 'customer',
    },
    stageMap: direct,
  },
};

/** Required columns the header lacks. */
export function missingColumns(layout: Layout, header: string[]): string[] {
  return layout.required.filter((c) => !header.includes(c));
}

const emailSchema = z.email();

/** Reads one CSV record into a person, or names every bad cell. */
export function readPersonRow(
  layout: Layout,
  row: Record<string, string | undefined>,
  timeZone: string,
): { person: ImportedPerson } | { errors: CellError[] } {
  const errors: CellError[] = [];
  const first = (cols: string[]) => {
    for (const c of cols) {
      const v = row[c]?.trim();
      if (v) return { column: c, value: v };
    }
    return null;
  };
  const text = (cols: string[], max: number) => {
    const f = first(cols);
    if (!f) return null;
    if (f.value.length > max) errors.push({ column: f.column, message: `longer than ${max} characters` });
    return f.value.slice(0, max);
  };
  const rawEmail = (row[layout.email] ?? '').normalize('NFKC').trim();
  if (!rawEmail) errors.push({ column: layout.email, message: 'empty; every person needs an email' });
  else if (!emailSchema.safeParse(rawEmail).success)
    errors.push({ column: layout.email, message: `"${rawEmail.slice(0, 80)}" is not an email address` });
  const date = (column: string, value: string) => {
    const d = parseExportDate(value, timeZone);
    if (!d)
      errors.push({
        column,
        message: `"${value.slice(0, 40)}" is not a date (use YYYY-MM-DD HH:MM or ISO 8601)`,
      });
    return d;
  };
  const createdCell = first(layout.created);
  const createdAt = createdCell ? date(createdCell.column, createdCell.value) : null;
  const dated: ImportedPerson['dated'] = [];
  for (const [column, stage] of Object.entries(layout.dates)) {
    const v = row[column]?.trim();
    if (!v) continue;
    const d = date(column, v);
    if (d) dated.push({ stage, at: d });
  }
  const stageCell = first(layout.stage);
  let stage = 'lead';
  if (stageCell) {
    const mapped = layout.stageMap(stageCell.value);
    if (!mapped)
      errors.push({ column: stageCell.column, message: `unknown stage "${stageCell.value.slice(0, 60)}"` });
    else stage = mapped;
  } else {
    // No stage column: the furthest dated stage.
    const order = ['lead', 'mql', 'sql', 'opportunity', 'customer'];
    for (const d of dated) if (order.indexOf(d.stage) > order.indexOf(stage)) stage = d.stage;
  }
  const person: ImportedPerson = {
    email: rawEmail,
    firstName: text(layout.firstName, 80),
    lastName: text(layout.lastName, 80),
    company: text(layout.company, 200),
    title: text(layout.title, 120),
    phone: text(layout.phone, 40),
    source: text(layout.source, 80),
    createdAt,
    stage,
    dated,
    campaign: text(layout.campaign, 200),
  };
  return errors.length ? { errors } : { person };
}

/** A campaign channel guessed from a campaign or lead-source name. */
export function guessChannel(name: string): string {
  const n = name.toLowerCase();
  if (/セミナー|ウェビナー|seminar|webinar/.test(n)) return 'seminar';
  if (/展示会|trade ?show|exhibition|expo/.test(n)) return 'exhibition';
  if (/紹介|referral|partner/.test(n)) return 'referral';
  if (/メール|email|newsletter/.test(n)) return 'email';
  if (/広告|web|ads?\b|paid|search|social/.test(n)) return 'web_ads';
  if (/資料|ebook|content|whitepaper/.test(n)) return 'content';
  if (/outbound|テレアポ|cold/.test(n)) return 'outbound';
  return 'other';
}

/** Spreadsheet formula injection: a cell starting with = + - @ (or tab/CR) is prefixed with a quote. */
export function neutralizeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
