import { spawn } from 'node:child_process';

/**
 * The V8 heap an import runs in. Its live set stays small (one chunk, the emails seen:
 * ~150 MB at a million rows), but with Node's default limit (a quarter of the machine's
 * memory) garbage piled up to 785 MB before V8 collected it; with this cap a 1M-row
 * import peaked at 360 MB.
 */
export const IMPORT_HEAP_MB = 256;

/**
 * Runs this command again in a child Node with `--max-old-space-size` (the limit cannot be
 * changed once V8 has started), forwards SIGINT and SIGTERM to it and exits with its
 * status. Resolves at once, doing nothing, when the process already runs with a limit.
 */
export function relaunchWithHeapLimit(megabytes: number): Promise<void> {
  if (process.execArgv.some((a) => a.startsWith('--max-old-space-size')) || process.env.BATON_HEAP_LIMIT)
    return Promise.resolve();
  const child = spawn(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${megabytes}`, process.argv[1]!, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, BATON_HEAP_LIMIT: String(megabytes) } },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((_resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
  });
}

/** Relaunches the commands that need a capped heap (bin/baton.js calls it before loading the app). */
export function relaunchForCommand(command: string | undefined): Promise<void> {
  return command === 'import' ? relaunchWithHeapLimit(IMPORT_HEAP_MB) : Promise.resolve();
}
