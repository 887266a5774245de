import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const { BATON_RELAUNCHED: _set, ...env } = process.env;

const probe = (body: string) => {
  const script = join(mkdtempSync(join(tmpdir(), 'baton-relaunch-')), 'probe.mts');
  writeFileSync(
    script,
    `import { relaunchWithFlags } from ${JSON.stringify(resolve('src/cli/relaunch.ts'))};\n${body}`,
  );
  return script;
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('relaunchWithFlags', () => {
  it('runs the command again in a Node with the flags, with its arguments and exit status', () => {
    const script = probe(`import { getHeapStatistics } from 'node:v8';
await relaunchWithFlags(['--max-old-space-size=200']);
console.log(JSON.stringify({ limitMb: getHeapStatistics().heap_size_limit / 1048576, args: process.argv.slice(2) }));
process.exit(7);`);
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

  it('ends the relaunched command when its parent is killed', async () => {
    const script = probe(`await relaunchWithFlags(['--max-semi-space-size=32']);
console.log(process.pid);
setInterval(() => {}, 1000);`);
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childPid = await new Promise<number>((done) =>
      parent.stdout.once('data', (d: Buffer) => done(Number(d.toString().trim()))),
    );
    expect(childPid).not.toBe(parent.pid);
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    for (let i = 0; i < 100 && alive(childPid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(childPid)).toBe(false);
  });

  it('baton import and baton demo run relaunched', () => {
    for (const [command, option] of [
      ['import', '--skip-invalid'],
      ['demo', '--people'],
    ]) {
      const run = spawnSync(process.execPath, ['bin/baton.js', command!, '--help'], {
        env,
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(option);
    }
  });
});
