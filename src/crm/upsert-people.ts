import { recordEntries } from '../lifecycle/transition-entity.ts';
import type { RequestContext } from '../platform/context.ts';
import { emailDomain, isFreeMail } from './free-mail.ts';
import { normalizeEmail } from './people.ts';
import {
  ensureAccountsByDomain,
  fillEmptyPersonFields,
  findPeopleByEmail,
  insertPeopleByEmail,
  type LockOption,
  type PersonByEmail,
} from './store.ts';

/** The fields a capture fills on an existing person when they are empty. */
const FILLABLE = ['firstName', 'lastName', 'title', 'department', 'phone', 'accountId'] as const;

/** A person as captured by a form, the tracker or an import. */
export interface CapturedPerson {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  title?: string | null;
  department?: string | null;
  phone?: string | null;
  company?: string | null;
  source?: string | null;
  createdAt?: Date;
  /** Stage a new person starts in (default lead); imports pass the exported stage. */
  lifecycleStage?: string;
}

export interface UpsertedPerson {
  id: string;
  accountId: string | null;
  created: boolean;
  lifecycleStage: string;
}

/**
 * Finds or creates people by normalised email, set-based. A new person's account is
 * found or created by email domain (free-mail domains never make accounts); an existing
 * person only gets empty fields filled. New people enter the lead lifecycle unless the
 * caller records their history itself (`recordEntry: false`, imports).
 */
export async function upsertPeopleByEmail(
  ctx: RequestContext,
  people: CapturedPerson[],
  options: { recordEntry?: boolean; fillEmpty?: boolean } & LockOption = {},
): Promise<Map<string, UpsertedPerson>> {
  const unique = new Map<string, CapturedPerson>();
  for (const p of people) {
    const key = normalizeEmail(p.email);
    if (!unique.has(key)) unique.set(key, p);
  }
  const now = ctx.now();
  const fillEmpty = options.fillEmpty ?? true;
  const found = await findPeopleByEmail(ctx, [...unique.keys()], options);
  const missing = [...unique.keys()].filter((en) => !found.has(en));
  // Accounts are needed for new people, and for existing ones without an account when filling.
  const domains = new Map<string, { domain: string; name: string; createdAt: Date }>();
  for (const en of unique.keys()) {
    const existing = found.get(en);
    if (existing && (!fillEmpty || existing.accountId)) continue;
    const p = unique.get(en)!;
    const domain = emailDomain(en);
    if (!domain || isFreeMail(p.email) || domains.has(domain)) continue;
    domains.set(domain, { domain, name: p.company?.trim() || domain, createdAt: p.createdAt ?? now });
  }
  const accountIds = await ensureAccountsByDomain(ctx, [...domains.values()], options);
  const rowOf = (en: string): PersonByEmail => {
    const p = unique.get(en)!;
    return {
      emailNormalized: en,
      email: p.email.normalize('NFKC').trim(),
      accountId: isFreeMail(p.email) ? null : (accountIds.get(emailDomain(en) ?? '') ?? null),
      firstName: p.firstName ?? null,
      lastName: p.lastName ?? null,
      title: p.title ?? null,
      department: p.department ?? null,
      phone: p.phone ?? null,
      source: p.source ?? null,
      lifecycleStage: p.lifecycleStage ?? 'lead',
      createdAt: p.createdAt ?? now,
    };
  };
  const inserted = await insertPeopleByEmail(ctx, missing.map(rowOf));
  // An email another transaction created since the lookup is that transaction's person.
  const raced = missing.filter((en) => !inserted.has(en));
  for (const [en, person] of await findPeopleByEmail(ctx, raced, options)) found.set(en, person);
  if (fillEmpty) {
    await fillEmptyPersonFields(
      ctx,
      [...found.entries()]
        .map(([en, person]) => ({ person, row: rowOf(en) }))
        .filter(({ person, row }) => FILLABLE.some((k) => person[k] === null && row[k] !== null))
        .map(({ person, row }) => ({ ...row, id: person.id })),
    );
  }
  const result = new Map<string, UpsertedPerson>();
  for (const [en, p] of found) {
    const accountId = p.accountId ?? (fillEmpty ? rowOf(en).accountId : null);
    result.set(en, { id: p.id, accountId, created: false, lifecycleStage: p.lifecycleStage });
  }
  for (const [en, p] of inserted) result.set(en, { ...p, created: true });
  if (options.recordEntry !== false) {
    await recordEntries(
      ctx,
      'person',
      [...result.entries()]
        .filter(([, r]) => r.created)
        .map(([en, r]) => ({
          entityId: r.id,
          at: unique.get(en)!.createdAt ?? now,
          stage: r.lifecycleStage,
        })),
    );
  }
  return result;
}
