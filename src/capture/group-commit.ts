import type { RequestContext } from '../platform/context.ts';
import { type Db, runsOneAtATime } from '../platform/db/open-database.ts';
import { type CapturedEvent, type EventOutcome, trackEvents } from './track-events.ts';

const systemActor = { type: 'system' as const, userId: null, roles: [] };

/**
 * Transactions of one workspace's tracking traffic that may run at once on PostgreSQL.
 * Two, each with more events, beat three smaller ones on the 2-core benchmark machine
 * (batched ingest ~13,000 → ~14,200 events/s over alternated runs): a transaction's
 * dozen statements and its commit cost the same whatever its size. On PGlite one: a
 * second transaction would only wait for the connection, holding the requests it took
 * while newer ones queue behind it.
 */
const MAX_IN_FLIGHT = 2;
/**
 * A second transaction starts only for this many waiting events. Small requests (single
 * events at a high rate) then share one transaction after another: each costs the same
 * round trips, and with three at once p99 at 1,000 requests/s was ~2x worse.
 */
const PARALLEL_FROM_EVENTS = 200;
/** Requests are joined into one transaction up to this many events. */
const MAX_GROUP_EVENTS = 1000;

interface Pending {
  events: CapturedEvent[];
  now: Date;
  resolve: (outcomes: EventOutcome[]) => void;
  reject: (err: unknown) => void;
}

interface Lane {
  inFlight: number;
  queue: Pending[];
  /** Events in the queue. */
  waiting: number;
  /** A start is due at the end of this turn of the event loop. */
  starting: boolean;
}

/**
 * Group commit for the tracking endpoint. A transaction costs the same dozen statements
 * and one commit whether it holds one event or hundreds, so requests of a workspace that
 * arrive while its transactions are busy wait and then share the next one. Nobody waits
 * on a timer: an idle workspace's request starts at once (on PGlite at the end of the
 * event loop's turn that read it). Each request is answered only after the commit that
 * holds its events; if a shared transaction fails, its requests are retried one by one,
 * so one request's failure is never another's.
 */
export class GroupCommit {
  private readonly lanes = new Map<string, Lane>();
  private readonly oneAtATime: boolean;

  constructor(private readonly db: Db) {
    this.oneAtATime = runsOneAtATime(db);
  }

  track(workspaceId: string, events: CapturedEvent[], now: Date): Promise<EventOutcome[]> {
    return new Promise((resolve, reject) => {
      let lane = this.lanes.get(workspaceId);
      if (!lane) {
        lane = { inFlight: 0, queue: [], waiting: 0, starting: false };
        this.lanes.set(workspaceId, lane);
      }
      lane.queue.push({ events, now, resolve, reject });
      lane.waiting += events.length;
      if (!this.oneAtATime) this.pump(workspaceId, lane);
      else if (!lane.starting) {
        // PGlite runs a whole transaction without yielding to the event loop, so a request
        // started at once would run alone, before the next one is even parsed. Starting at
        // the end of this turn lets the requests read in it share the transaction (batched
        // ingest: ~100 events a transaction and ~3,900 events/s; deferred, ~400 and
        // 4,800–6,800 in alternated 20 s runs). A server's transaction yields at its first
        // statement, and the requests behind it queue for the next one.
        lane.starting = true;
        const queued = lane;
        setImmediate(() => {
          queued.starting = false;
          this.pump(workspaceId, queued);
        });
      }
    });
  }

  private pump(workspaceId: string, lane: Lane): void {
    const mayStart = () =>
      lane.queue.length > 0 &&
      (lane.inFlight === 0 ||
        (!this.oneAtATime && lane.inFlight < MAX_IN_FLIGHT && lane.waiting >= PARALLEL_FROM_EVENTS));
    while (mayStart()) {
      const group: Pending[] = [lane.queue.shift()!];
      let size = group[0]!.events.length;
      while (lane.queue.length > 0 && size + lane.queue[0]!.events.length <= MAX_GROUP_EVENTS) {
        const next = lane.queue.shift()!;
        size += next.events.length;
        group.push(next);
      }
      lane.waiting -= size;
      lane.inFlight++;
      void this.commit(workspaceId, group).finally(() => {
        lane.inFlight--;
        if (lane.inFlight === 0 && lane.queue.length === 0) this.lanes.delete(workspaceId);
        else this.pump(workspaceId, lane);
      });
    }
  }

  private async commit(workspaceId: string, group: Pending[]): Promise<void> {
    try {
      const outcomes = await this.run(
        workspaceId,
        group[0]!.now,
        group.flatMap((p) => p.events),
      );
      let at = 0;
      for (const p of group) {
        p.resolve(outcomes.slice(at, at + p.events.length));
        at += p.events.length;
      }
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      for (const p of group) {
        await this.run(workspaceId, p.now, p.events).then(p.resolve, p.reject);
      }
    }
  }

  private async run(workspaceId: string, now: Date, events: CapturedEvent[]): Promise<EventOutcome[]> {
    const ctx: RequestContext = { workspaceId, db: this.db, now: () => now, actor: systemActor };
    return (await trackEvents(ctx, events)).outcomes;
  }
}

const perDatabase = new WeakMap<Db, GroupCommit>();

/** The group commit of a database connection (one per server process). */
export function groupCommitOf(db: Db): GroupCommit {
  let found = perDatabase.get(db);
  if (!found) {
    found = new GroupCommit(db);
    perDatabase.set(db, found);
  }
  return found;
}
