import Papa from 'papaparse';
import { accounts, people } from '../crm/schema.ts';
import { opportunities } from '../pipeline/schema.ts';
import { recordScope } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { neutralizeCell } from './import-formats.ts';
import { exportPage } from './store.ts';

export const EXPORT_ENTITIES = ['people', 'accounts', 'opportunities'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

const COLUMNS: Record<ExportEntity, string[]> = {
  people: [
    'id',
    'email',
    'last_name',
    'first_name',
    'title',
    'department',
    'phone',
    'account_id',
    'source',
    'lifecycle_stage',
    'stage_entered_at',
    'owner_user_id',
    'created_at',
    'updated_at',
  ],
  accounts: [
    'id',
    'name',
    'domain',
    'industry',
    'employee_count',
    'region',
    'tier',
    'owner_user_id',
    'customer_stage',
    'created_at',
    'updated_at',
  ],
  opportunities: [
    'id',
    'name',
    'account_id',
    'primary_person_id',
    'type',
    'phase',
    'amount_mrr',
    'amount_one_time',
    'close_date',
    'probability',
    'forecast_category',
    'owner_user_id',
    'closed_at',
    'created_at',
    'updated_at',
  ],
};

const OWNER = {
  people: people.ownerUserId,
  accounts: accounts.ownerUserId,
  opportunities: opportunities.ownerUserId,
} as const;

/**
 * Writes a CSV of people, accounts or opportunities a page at a time (never the whole
 * table in memory). Cells that a spreadsheet would run as a formula are neutralised.
 */
export async function exportCsv(
  ctx: RequestContext,
  entity: ExportEntity,
  write: (chunk: string) => void | Promise<void>,
  pageSize = 5000,
): Promise<number> {
  const columns = COLUMNS[entity];
  // A rep exports the book they may read, nothing more (the scope names the unaliased table).
  const scope = await recordScope(ctx, entity, 'read', OWNER[entity]);
  await write(`\uFEFF${Papa.unparse({ fields: columns, data: [] }, { newline: '\r\n' })}\r\n`);
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const rows = await exportPage(ctx, entity, columns, after, pageSize, scope);
    if (rows.length === 0) break;
    const data = rows.map((r) => columns.map((c) => neutralizeCell(r[c])));
    await write(`${Papa.unparse(data, { header: false, newline: '\r\n' })}\r\n`);
    total += rows.length;
    after = rows[rows.length - 1]!.id as string;
  }
  return total;
}
