/**
 * The load generator of bench/ingest.ts, run in a worker thread: the tracking endpoint's
 * clients are browsers and servers elsewhere, so they must not share the event loop of
 * the server they measure (on this 2-core machine they still share its CPU).
 */
import { Agent, request } from 'node:http';
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
  | {
      kind: 'single';
      address: string;
      writeKey: string;
      firstSeq: number;
      seconds: number;
      rps: number;
      /** Seconds at the same rate before measuring: this thread's JIT and its sockets warm up. */
      warmupSeconds: number;
    };

export interface LoadResult {
  events: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

const plan = workerData as LoadPlan;
let seq = plan.firstSeq;

// node:http with keep-alive rather than fetch: fetch cost ~0.5 ms of CPU a request, taken
// from the same two cores the server runs on.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL('/t/v1/batch', plan.address);

function post(body: unknown): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-baton-write-key': plan.writeKey,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
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

/**
 * Requests of one event at a fixed arrival rate (open loop: a slow answer does not slow the
 * arrivals). The warm-up's answers and errors are not counted.
 */
async function single(p: Extract<LoadPlan, { kind: 'single' }>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  /** Sends `count` requests at the plan's rate; returns the seconds it took. */
  async function send(count: number, record: boolean): Promise<number> {
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const wait = started + (i * 1000) / p.rps - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const t0 = performance.now();
      inflight.push(
        post({ events: [benchEvent(seq++)] }).then(
          () => void (record && latencies.push(performance.now() - t0)),
          () => void (record && errors++),
        ),
      );
    }
    await Promise.all(inflight);
    return (performance.now() - started) / 1000;
  }
  await send(Math.round(p.rps * p.warmupSeconds), false);
  const seconds = await send(p.rps * p.seconds, true);
  return { events: latencies.length, seconds, latencies, errors };
}

parentPort!.postMessage(await (plan.kind === 'batched' ? batched(plan) : single(plan)));
