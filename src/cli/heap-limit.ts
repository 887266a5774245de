import { spawnSync } from 'node:child_process';

/**
 * The V8 heap an import runs in. Its live set stays small (one chunk, the emails seen:
 * ~150 MB at a million rows), but with Node's default limit (a quarter of the machine's
 * memory) garbage piled up to 785 MB before V8 collected it; this cap keeps a 1M-row
 * import under 500 MB.
 */
export const IMPORT_HEAP_MB = 256;

/**
 * Runs this command again in a child Node with `--max-old-space-size` (the limit cannot be
 * changed once V8 has started) and exits with its status. Returns without doing anything
 * when the process already runs with a heap limit.
 */
export function relaunchWithHeapLimit(megabytes: number): void {
  if (process.execArgv.some((a) => a.startsWith('--max-old-space-size')) || process.env.BATON_HEAP_LIMIT)
    return;
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${megabytes}`, process.argv[1]!, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, BATON_HEAP_LIMIT: String(megabytes) } },
  );
  if (child.error) throw child.error;
  process.exit(child.status ?? 1);
}
