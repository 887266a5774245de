import Papa from 'papaparse';
import { z } from 'zod';
import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { accountsInScope } from './customer-scope.ts';
import { parseInput } from './parse-input.ts';
import { upsertCustomerSignals } from './store.ts';

const when = z.coerce.date();

/** A support ticket (priority 1 urgent … 4 low) or an NPS answer (0–10), from a help desk or survey tool. */
export const customerSignalSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('support_ticket'),
    accountId: z.uuid(),
    personId: z.uuid().nullable().optional(),
    externalId: z.string().trim().min(1).max(200),
    occurredAt: when,
    priority: z.int().min(1).max(4).optional(),
    status: z.enum(['open', 'closed']).default('open'),
    closedAt: when.nullable().optional(),
    subject: z.string().trim().max(500).optional(),
  }),
  z.strictObject({
    kind: z.literal('nps'),
    accountId: z.uuid(),
    personId: z.uuid().nullable().optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    occurredAt: when,
    score: z.int().min(0).max(10),
    subject: z.string().trim().max(500).optional(),
  }),
]);
export const customerSignalsSchema = z.strictObject({
  items: z.array(customerSignalSchema).min(1).max(5000),
});
export type CustomerSignalInput = z.input<typeof customerSignalSchema>;

/**
 * Records support tickets and NPS answers for health. All or nothing: an unknown account
 * anywhere rejects the batch, naming the item. A ticket sent again with its external id
 * updates its status (closing it).
 */
export async function recordCustomerSignals(
  ctx: RequestContext,
  raw: { items: CustomerSignalInput[] },
  where: (index: number) => string = (i) => `items.${i}`,
): Promise<{ recorded: number }> {
  const { items } = parseInput(customerSignalsSchema, raw, 'The signals');
  await assertCan(ctx, 'customers', 'write');
  return inTransaction(ctx, async (tx) => {
    // An account the actor may not change is as unknown to it as one that does not exist.
    const known = await accountsInScope(tx, [...new Set(items.map((i) => i.accountId))], 'write');
    const unknown = items.flatMap((item, i) =>
      known.has(item.accountId)
        ? []
        : [{ path: `${where(i)}.accountId`, message: `no account ${item.accountId} in this workspace` }],
    );
    if (unknown.length)
      throw new DomainError(
        'invalid_input',
        `${unknown.length} signal(s) name an unknown account; nothing was recorded.`,
        unknown.slice(0, 50),
      );
    await upsertCustomerSignals(
      tx,
      items.map((item) => ({
        accountId: item.accountId,
        personId: item.personId ?? null,
        kind: item.kind,
        externalId: item.externalId ?? null,
        occurredAt: item.occurredAt,
        value: item.kind === 'nps' ? item.score : (item.priority ?? null),
        status: item.kind === 'support_ticket' ? item.status : null,
        closedAt: item.kind === 'support_ticket' ? (item.closedAt ?? null) : null,
        subject: item.subject ?? null,
      })),
    );
    await appendAudit(tx, {
      action: 'customer_signal.record',
      entityType: 'customer_signal',
      entityId: null,
      after: { count: items.length, kinds: [...new Set(items.map((i) => i.kind))] },
    });
    return { recorded: items.length };
  });
}

/**
 * The same from CSV: a header row with kind, accountId, occurredAt and the columns of
 * each kind (externalId, priority, status, closedAt, subject; score for nps). Errors
 * name the CSV line.
 */
export async function importCustomerSignalsCsv(
  ctx: RequestContext,
  csv: string,
): Promise<{ recorded: number }> {
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim(),
  });
  if (parsed.errors.length) {
    throw new DomainError(
      'invalid_input',
      'The CSV could not be read.',
      parsed.errors.slice(0, 20).map((e) => ({ path: `line ${(e.row ?? 0) + 2}`, message: e.message })),
    );
  }
  const items = parsed.data.map((row) => {
    const item: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (v === undefined || v.trim() === '') continue;
      item[k] = ['priority', 'score'].includes(k) ? Number(v) : v.trim();
    }
    return item as CustomerSignalInput;
  });
  try {
    return await recordCustomerSignals(ctx, { items }, (i) => `line ${i + 2}`);
  } catch (err) {
    // zod paths say items.N: turn them into CSV lines (header is line 1).
    if (err instanceof DomainError) {
      throw new DomainError(
        err.code,
        err.message.replace(/items\.(\d+)/g, (_, n) => `line ${Number(n) + 2}`),
        err.details.map((d) => ({
          ...d,
          path: d.path.replace(/^items\.(\d+)/, (_, n) => `line ${Number(n) + 2}`),
        })),
      );
    }
    throw err;
  }
}
