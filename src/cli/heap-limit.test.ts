import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const { BATON_HEAP_LIMIT: _set, ...env } = process.env;

describe('relaunchWithHeapLimit', () => {
  it('runs the command again in a Node whose heap is capped, with its arguments and exit status', () => {
    const script = join(mkdtempSync(join(tmpdir(), 'baton-heap-')), 'probe.mts');
    writeFileSync(
      script,
      `import { getHeapStatistics } from 'node:v8';
import { relaunchWithHeapLimit } from ${JSON.stringify(resolve('src/cli/heap-limit.ts'))};
await relaunchWithHeapLimit(200);
console.log(JSON.stringify({ limitMb: getHeapStatistics().heap_size_limit / 1048576, args: process.argv.slice(2) }));
process.exit(7);`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, 'a', 'b c'], {
      env,
      encoding: 'utf8',
    });
    expect(run.status).toBe(7);
    const out = JSON.parse(run.stdout);
    expect(out.args).toEqual(['a', 'b c']);
    // Old space 200 MB plus the young generation.
    expect(out.limitMb).toBeGreaterThanOrEqual(200);
    expect(out.limitMb).toBeLessThan(260);
  });

  it('baton import runs under the cap', () => {
    const run = spawnSync(process.execPath, ['bin/baton.js', 'import', '--help'], { env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--skip-invalid');
  });
});
