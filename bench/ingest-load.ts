/**
 * The load generator of bench/ingest.ts, run in a worker thread: the tracking endpoint's
 * clients are browsers and servers elsewhere, so they must not share the event loop of
 * the server they measure (on this 2-core machine they still share its CPU).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { benchEvent } from './ingest-events.ts';

export type LoadPlan =
  | {
      kind: 'batched';
      address: string;
      writeKey: string;
      firstSeq: number;
      seconds: number;
      concurrency: number;
    }
  | { kind: 'single'; address: string; writeKey: string; firstSeq: number; seconds: number; rps: number };

export interface LoadResult {
  events: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

const plan = workerData as LoadPlan;
let seq = plan.firstSeq;

async function post(body: unknown): Promise<void> {
  const res = await fetch(`${plan.address}/t/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-baton-write-key': plan.writeKey },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
}

async function batched(p: Extract<LoadPlan, { kind: 'batched' }>): Promise<LoadResult> {
  let events = 0;
  const started = performance.now();
  const deadline = started + p.seconds * 1000;
  await Promise.all(
    Array.from({ length: p.concurrency }, async () => {
      while (performance.now() < deadline) {
        await post({ events: Array.from({ length: 100 }, () => benchEvent(seq++)) });
        events += 100;
      }
    }),
  );
  return { events, seconds: (performance.now() - started) / 1000, latencies: [], errors: 0 };
}

/** Requests of one event at a fixed arrival rate (open loop: a slow answer does not slow the arrivals). */
async function single(p: Extract<LoadPlan, { kind: 'single' }>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < p.rps * p.seconds; i++) {
    const wait = started + (i * 1000) / p.rps - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    inflight.push(
      post({ events: [benchEvent(seq++)] }).then(
        () => void latencies.push(performance.now() - t0),
        () => void errors++,
      ),
    );
  }
  await Promise.all(inflight);
  return { events: latencies.length, seconds: (performance.now() - started) / 1000, latencies, errors };
}

parentPort!.postMessage(await (plan.kind === 'batched' ? batched(plan) : single(plan)));
