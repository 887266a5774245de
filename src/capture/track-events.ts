import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../crm/people.ts';
import { upsertPeopleByEmail } from '../crm/upsert-people.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { newTimeOrderedId } from '../platform/ids.ts';
import { inTransaction } from '../platform/transaction.ts';
import { scoreEvents } from '../scoring/score-events.ts';
import { type Identification, mergeVisitorsIntoPeople } from './identify-visitor.ts';
import { insertEvents, type NewEventRow, upsertVisitors } from './store.ts';
import type { TrackEventInput } from './tracking.ts';

/** An event to store: the public input, plus what forms and imports add. */
export interface CapturedEvent extends TrackEventInput {
  campaignId?: string | null;
  source?: string | null;
}

export interface EventOutcome {
  status: 'stored' | 'duplicate';
  eventId: string | null;
  personId: string | null;
}

export interface TrackResult {
  outcomes: EventOutcome[];
  peopleCreated: number;
  identified: number;
  mqls: { personId: string; reason: string; causeEventId: string | null }[];
}

/**
 * Stores a batch of behaviour events in one transaction and brings the affected scores
 * up to date in it: visitors are created or touched, people found or created by email
 * (with their account), visitors who identify get their anonymous history merged, a
 * replayed client id is stored once, and people who now meet the MQL rule move to mql.
 * Returns after the commit, so an acknowledgement means the events are durable.
 */
export function trackEvents(ctx: RequestContext, events: CapturedEvent[]): Promise<TrackResult> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const at = (e: CapturedEvent) => (e.occurredAt ? new Date(e.occurredAt) : now);

    const seen = new Map<string, { firstSeenAt: Date; lastSeenAt: Date }>();
    for (const e of events) {
      if (!e.anonymousId) continue;
      const t = at(e);
      const s = seen.get(e.anonymousId);
      if (!s) seen.set(e.anonymousId, { firstSeenAt: t, lastSeenAt: t });
      else {
        if (t < s.firstSeenAt) s.firstSeenAt = t;
        if (t > s.lastSeenAt) s.lastSeenAt = t;
      }
    }
    const visitors = await upsertVisitors(
      tx,
      [...seen].map(([anonymousId, s]) => ({ anonymousId, ...s })),
    );

    const people = await upsertPeopleByEmail(
      tx,
      events
        .filter((e) => e.email)
        .map((e) => ({
          email: e.email!,
          firstName: e.traits?.firstName ?? null,
          lastName: e.traits?.lastName ?? null,
          title: e.traits?.title ?? null,
          department: e.traits?.department ?? null,
          phone: e.traits?.phone ?? null,
          company: e.traits?.company ?? null,
          source: e.source ?? 'inbound',
          createdAt: at(e),
        })),
      { fillEmpty: events.some((e) => e.traits) },
    );

    // A visitor who gives an email is identified: its anonymous history becomes the person's.
    const identifications: Identification[] = [];
    for (const e of events) {
      if (!e.email || !e.anonymousId) continue;
      const visitor = visitors.get(e.anonymousId)!;
      const person = people.get(normalizeEmail(e.email))!;
      if (visitor.personId) continue;
      visitor.personId = person.id;
      identifications.push({
        visitorId: visitor.id,
        personId: person.id,
        accountId: person.accountId,
        at: at(e),
      });
    }
    await mergeVisitorsIntoPeople(tx, identifications);
    const accountOf = new Map([...people.values()].map((p) => [p.id, p.accountId]));

    const rows: NewEventRow[] = events.map((e) => {
      const visitor = e.anonymousId ? visitors.get(e.anonymousId) : undefined;
      const personId = e.email ? people.get(normalizeEmail(e.email))!.id : (visitor?.personId ?? null);
      return {
        id: newTimeOrderedId(tx),
        idempotencyKey: e.id ?? randomUUID(),
        type: e.type,
        occurredAt: at(e),
        receivedAt: now,
        personId,
        visitorId: visitor?.id ?? null,
        accountId: personId ? (accountOf.get(personId) ?? null) : null,
        campaignId: e.campaignId ?? null,
        properties: e.properties ?? {},
      };
    });
    const storedKeys = await insertEvents(tx, rows);
    const firstOfKey = new Set<string>();
    const outcomes: EventOutcome[] = rows.map((r) => {
      const stored = storedKeys.has(r.idempotencyKey) && !firstOfKey.has(r.idempotencyKey);
      firstOfKey.add(r.idempotencyKey);
      return { status: stored ? 'stored' : 'duplicate', eventId: stored ? r.id : null, personId: r.personId };
    });
    const newEvents = rows.filter((r, i) => outcomes[i]!.status === 'stored' && r.personId);
    const { mqls } = await scoreEvents(tx, {
      events: newEvents.map((r) => ({
        id: r.id,
        personId: r.personId!,
        type: r.type,
        occurredAt: r.occurredAt,
        properties: r.properties,
      })),
      // New and newly identified people are scored from their whole history (and so always have a score row).
      rescore: [
        ...identifications.map((i) => i.personId),
        ...[...people.values()].filter((p) => p.created).map((p) => p.id),
      ],
    });
    const created = [...people.values()].filter((p) => p.created).length;
    if (created > 0 || identifications.length > 0) {
      await appendAudit(tx, {
        action: 'tracking.batch',
        entityType: 'event_batch',
        entityId: null,
        after: {
          events: storedKeys.size,
          peopleCreated: [...people.values()].filter((p) => p.created).map((p) => p.id),
          identified: identifications.map((i) => ({ visitorId: i.visitorId, personId: i.personId })),
        },
      });
    }
    return { outcomes, peopleCreated: created, identified: identifications.length, mqls };
  });
}
