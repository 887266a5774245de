import { describe, expect, it } from 'vitest';
import { runCrashHarness } from '../bench/crash-harness.ts';

/**
 * The short version of bench/crash-harness.ts for CI: three SIGKILL cycles of a real
 * `baton start` (PGlite, or PostgreSQL when TEST_DATABASE_URL is set). The full run is
 * `node --import tsx bench/crash-harness.ts --cycles 100`.
 */
describe('crash safety', () => {
  it('keeps every acknowledged write and event exactly once, stage history and jobs consistent, across kill -9 and restart', async () => {
    const lines: string[] = [];
    const report = await runCrashHarness({
      cycles: Number(process.env.CRASH_CYCLES ?? 3),
      postgresUrl: process.env.TEST_DATABASE_URL,
      out: null,
      log: (line) => lines.push(line),
    });
    expect(report.allOk, lines.join('\n')).toBe(true);
    expect(report.totals.lost).toBe(0);
    expect(report.totals.duplicates).toBe(0);
    expect(report.totals.ackedCreates).toBeGreaterThan(0);
    // Tracking batches, stage moves and background jobs went through the same kills.
    expect(report.totals.lostEvents).toBe(0);
    expect(report.totals.duplicateEvents).toBe(0);
    expect(report.totals.inconsistentStages).toBe(0);
    expect(report.totals.jobsStuck).toBe(0);
    expect(report.totals.ackedEvents).toBeGreaterThan(0);
    expect(report.totals.ackedTransitions).toBeGreaterThan(0);
    if (!process.env.TEST_DATABASE_URL) expect(report.results.every((r) => r.staleLockFound)).toBe(true);
  }, 600_000);
});
