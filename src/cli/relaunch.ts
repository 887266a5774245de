import { spawn } from 'node:child_process';

/**
 * The V8 heap an import runs in. Its live set stays small (one chunk, the emails seen:
 * ~150 MB at a million rows), but with Node's default limit (a quarter of the machine's
 * memory) garbage piled up to 785 MB before V8 collected it; with this cap a 1M-row
 * import peaked at 360 MB.
 */
export const IMPORT_HEAP_MB = 256;

/**
 * The young generation a demo runs with (`--max-semi-space-size`, MB; Node's default is
 * 16). A demo allocates ~8 GB of short-lived objects (rows, statements, results); with
 * the default, V8 copied its survivors ~650 times a run.
 */
export const DEMO_SEMI_SPACE_MB = 32;

/**
 * Runs this command again in a child Node with these V8 flags (they cannot be changed once
 * V8 has started), forwards SIGINT and SIGTERM to it and exits with its status. Resolves
 * at once, doing nothing, in the child itself. The child ends when this process does,
 * however it ends (its channel to this process closes), so it never outlives its parent
 * holding the data directory.
 */
export function relaunchWithFlags(flags: string[]): Promise<void> {
  if (process.env.BATON_RELAUNCHED === flags.join(' ')) {
    // The child: its channel does not keep it alive, and it ends when the channel closes.
    if (process.channel) {
      process.channel.unref();
      process.once('disconnect', () => process.exit(1));
    }
    return Promise.resolve();
  }
  // Run as asked by whoever started Node with these flags themselves.
  const names = flags.map((f) => f.split('=')[0]);
  if (process.execArgv.some((a) => names.includes(a.split('=')[0]))) return Promise.resolve();
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...flags, process.argv[1]!, ...process.argv.slice(2)],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BATON_RELAUNCHED: flags.join(' ') },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((_resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
  });
}

/** Relaunches the commands that need their own V8 settings (bin/baton.js calls it before loading the app). */
export function relaunchForCommand(command: string | undefined): Promise<void> {
  if (command === 'import') return relaunchWithFlags([`--max-old-space-size=${IMPORT_HEAP_MB}`]);
  if (command === 'demo') return relaunchWithFlags([`--max-semi-space-size=${DEMO_SEMI_SPACE_MB}`]);
  return Promise.resolve();
}
