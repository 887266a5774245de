import type { Readable } from 'node:stream';
import { normalizeEmail } from '../crm/people.ts';
import { upsertPeopleByEmail } from '../crm/upsert-people.ts';
import { recordImportedHistories } from '../lifecycle/record-imported-history.ts';
import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { trustReferencesOfWorkspace, withTrustedReferences } from '../platform/db/bulk-insert.ts';
import { DomainError } from '../platform/errors.ts';
import { type Progress, silentProgress } from '../platform/progress.ts';
import { inTransaction } from '../platform/transaction.ts';
import { getWorkspace } from '../workspace/store.ts';
import { CompactStringSet } from './compact-string-set.ts';
import {
  guessChannel,
  type ImportedPerson,
  type ImportFormat,
  LAYOUTS,
  missingColumns,
  PEOPLE_FORMATS,
  readPersonRow,
} from './import-formats.ts';
import { ensureCampaignsByName, refreshImportStatistics, upsertMembers } from './store.ts';
import { streamRecords } from './stream-csv-records.ts';

export interface ImportOptions {
  format: ImportFormat;
  /** Opens the CSV (UTF-8): the file is streamed, never held whole. */
  open: () => Readable;
  dryRun?: boolean;
  skipInvalid?: boolean;
  progress?: Progress;
  /** Size in bytes, for progress. */
  totalBytes?: number;
  batchSize?: number;
}

export interface ImportLineError {
  line: number;
  column: string;
  message: string;
}

export interface ImportReport {
  format: ImportFormat;
  dryRun: boolean;
  committed: boolean;
  rows: number;
  valid: number;
  invalid: number;
  duplicatesInFile: number;
  errors: ImportLineError[];
  created: number;
  updated: number;
  historyRows: number;
  campaignsCreated: number;
  memberships: number;
}

const MAX_REPORTED_ERRORS = 200;
/** Batches of an import written at once (see importPeople). */
const WRITES_AT_ONCE = 2;

/** Ends the transaction of a dry run or a refused import without an error. */
class Rollback extends Error {}

/**
 * Imports people from a HubSpot contacts, Salesforce leads or Baton people CSV in one
 * streamed pass inside one transaction — all or nothing. Errors name the line and column;
 * unless `skipInvalid`, any error rolls the import back (the whole file is still checked,
 * so every error is reported). People are deduplicated against existing ones by email;
 * accounts are created by domain, campaigns by name, and the stage history the export's
 * dates describe. A dry run does the same work and rolls it back.
 */
export async function importPeople(ctx: RequestContext, options: ImportOptions): Promise<ImportReport> {
  // An import creates and updates people across the workspace, whoever owns them.
  await assertCan(ctx, 'people', 'write', 'all');
  if (!PEOPLE_FORMATS.has(options.format)) {
    throw new DomainError(
      'invalid_input',
      `Importing ${options.format} is not available yet: opportunities are created in Baton's pipeline. Import the contacts or leads first.`,
      [{ path: 'format', message: 'use hubspot-contacts, salesforce-leads or people' }],
    );
  }
  const layout = LAYOUTS[options.format as keyof typeof LAYOUTS];
  const workspace = await getWorkspace(ctx.db, ctx.workspaceId);
  const timeZone = workspace?.timeZone ?? 'Asia/Tokyo';
  const progress = options.progress ?? silentProgress;
  const report: ImportReport = {
    format: options.format,
    dryRun: options.dryRun === true,
    committed: false,
    rows: 0,
    valid: 0,
    invalid: 0,
    duplicatesInFile: 0,
    errors: [],
    created: 0,
    updated: 0,
    historyRows: 0,
    campaignsCreated: 0,
    memberships: 0,
  };
  const checkHeader = (fields: string[]) => {
    const missing = missingColumns(layout, fields);
    if (missing.length)
      throw new DomainError(
        'invalid_input',
        `Line 1: the ${options.format} file has no ${missing.map((m) => `"${m}"`).join(', ')} column. Export again including it (column names are case-sensitive).`,
        missing.map((m) => ({ path: `line 1, column ${m}`, message: 'required column missing' })),
      );
  };
  const read = (row: Record<string, string>, line: number) => {
    const bad = Object.entries(row).find(([, v]) => typeof v === 'string' && v.includes('\uFFFD'));
    if (bad)
      return {
        errors: [{ column: bad[0], message: 'not valid UTF-8; save the file as UTF-8 (Excel: "CSV UTF-8")' }],
        line,
      };
    return { ...readPersonRow(layout, row, timeZone), line };
  };

  // One pass, in one transaction: all or nothing. Lines are checked as they are read and
  // written in batches; at the first invalid line of an import without skipInvalid the
  // writing stops, the rest is only checked (every error is reported) and it all rolls back.
  const batchSize = options.batchSize ?? 2000;
  const refused = () => report.invalid > 0 && !options.skipInvalid;
  progress.start(`Importing ${options.format}`, options.totalBytes ?? 0);
  try {
    await inTransaction(ctx, async (tx) => {
      // Every reference a batch writes is to a row it created or locked (lockFound), so the
      // foreign-key checks (over a third of the database's work) are skipped where allowed.
      const trusted = await trustReferencesOfWorkspace(tx.db, tx.workspaceId);
      const campaigns = new CampaignsByName();
      const seen = new CompactStringSet();
      let batches = 0;
      let nextAnalyze = 1;
      // Stream chunks hold a few hundred rows; statements are sized by batchSize instead.
      // Two batches are written at once on the transaction's connection, whose queue takes
      // their statements in turn: the database runs one batch's statements while Node
      // prepares the other's, and the next batch is read meanwhile. Batches hold different
      // people (the file is deduplicated as it is read), so they never write the same row.
      let pending: ImportedPerson[] = [];
      const writing = new Set<Promise<void>>();
      let failure: { error: unknown } | null = null;
      const writeNext = async () => {
        while (writing.size >= WRITES_AT_ONCE) await Promise.race(writing);
        if (failure) throw failure.error;
        const people = pending;
        pending = [];
        const write: Promise<void> = (async () => {
          await writeBatch(tx, people, report, campaigns);
          // At 1, 2, 4, 8… batches: keep plans fitted to the growing tables.
          if (++batches >= nextAnalyze) {
            nextAnalyze *= 2;
            await refreshImportStatistics(tx);
          }
        })()
          .catch((error: unknown) => {
            // The first error aborts the transaction; the other batch's errors only follow from it.
            failure ??= { error };
          })
          .finally(() => writing.delete(write));
        writing.add(write);
      };
      await withTrustedReferences(tx.db, trusted, async () => {
        try {
          await streamRecords(options.open, checkHeader, async (rows, firstLine, bytes) => {
            rows.forEach((row, i) => {
              report.rows++;
              const r = read(row, firstLine + i);
              if ('errors' in r) {
                report.invalid++;
                for (const e of r.errors ?? [])
                  if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push({ line: r.line, ...e });
                return;
              }
              report.valid++;
              const key = normalizeEmail(r.person.email);
              if (!seen.add(key)) {
                report.duplicatesInFile++;
                return;
              }
              pending.push(r.person);
            });
            if (refused()) pending = [];
            else if (pending.length >= batchSize) await writeNext();
            progress.update(bytes);
          });
          if (pending.length && !refused()) await writeNext();
        } finally {
          // Never leave the transaction (and its rollback) with a write still running on it.
          await Promise.all(writing);
        }
      });
      if (failure) throw (failure as { error: unknown }).error;
      if (refused()) throw new Rollback();
      await appendAudit(tx, {
        action: 'import.people',
        entityType: 'import',
        entityId: null,
        after: { ...report, errors: report.errors.slice(0, 20) },
      });
      if (options.dryRun) throw new Rollback();
    });
    report.committed = true;
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    // A refused import changed nothing, whatever its batches had written before the error.
    if (refused())
      Object.assign(report, { created: 0, updated: 0, historyRows: 0, campaignsCreated: 0, memberships: 0 });
  } finally {
    progress.stop();
  }
  return report;
}

async function writeBatch(
  tx: RequestContext,
  people: ImportedPerson[],
  report: ImportReport,
  campaigns: CampaignsByName,
): Promise<void> {
  const now = tx.now();
  const createdAtOf = (p: ImportedPerson) =>
    p.createdAt ?? p.dated.reduce<Date | null>((min, d) => (!min || d.at < min ? d.at : min), null) ?? now;
  const result = await upsertPeopleByEmail(
    tx,
    people.map((p) => ({
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      title: p.title,
      phone: p.phone,
      company: p.company,
      source: 'import',
      createdAt: createdAtOf(p),
      lifecycleStage: p.stage,
    })),
    { recordEntry: false, fillEmpty: true, lockFound: true },
  );
  const byEmail = new Map(people.map((p) => [normalizeEmail(p.email), p]));
  const created = [...result.entries()].filter(([, r]) => r.created);
  report.created += created.length;
  report.updated += result.size - created.length;
  // Memberships first: the analytics of the history below slice a person by first-touch campaign.
  const campaignNames = [...new Set(people.flatMap((p) => (p.campaign ? [p.campaign] : [])))];
  if (campaignNames.length) {
    const ids = await campaigns.ensure(tx, campaignNames, report);
    const members = people.flatMap((p) => {
      const person = result.get(normalizeEmail(p.email));
      const campaignId = p.campaign ? ids.get(p.campaign) : undefined;
      return person && campaignId
        ? [{ campaignId, personId: person.id, status: 'responded', at: createdAtOf(p) }]
        : [];
    });
    await upsertMembers(tx, members);
    report.memberships += members.length;
  }
  // Awaited before adding: `report.x += await …` reads report.x before the other batch adds to it.
  const historyRows = await recordImportedHistories(
    tx,
    'person',
    created.map(([email, r]) => {
      const p = byEmail.get(email)!;
      return { entityId: r.id, createdAt: createdAtOf(p), dated: p.dated, current: p.stage };
    }),
  );
  report.historyRows += historyRows;
}

/**
 * The campaigns an import's lines name, found or created once for the whole import. The
 * batches written at once take turns here, so two never create the same campaign.
 */
class CampaignsByName {
  private readonly ids = new Map<string, string>();
  private turn: Promise<unknown> = Promise.resolve();

  ensure(tx: RequestContext, names: string[], report: ImportReport): Promise<Map<string, string>> {
    const run = this.turn.then(async () => {
      const missing = names.filter((n) => !this.ids.has(n));
      if (missing.length) {
        const { ids, created } = await ensureCampaignsByName(
          tx,
          missing.map((name) => ({ name, channel: guessChannel(name) })),
        );
        for (const [name, id] of ids) this.ids.set(name, id);
        report.campaignsCreated += created;
      }
      return this.ids;
    });
    this.turn = run.catch(() => {});
    return run;
  }
}
