import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Raised when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
  ) {
    super(
      `The data directory is in use by another Baton process (pid ${holderPid}); lock file ${lockPath}. ` +
        'Stop that process, or start this one with another --data-dir.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else: still a holder.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PGlite takes no lock of its own: two processes on one directory silently lose rows.
 * Baton holds `<dir>/baton.lock` (created exclusively, holding our pid) for as long as
 * the database is open. A lock whose pid is dead (kill -9) is stale and is taken over.
 */
const heldHere = new Set<string>();

export function acquireDataDirLock(dataDir: string): { path: string; release: () => void } {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'baton.lock');
  if (heldHere.has(lockPath)) throw new DataDirLockedError(lockPath, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      heldHere.add(lockPath);
      let released = false;
      return {
        path: lockPath,
        release: () => {
          if (released) return;
          released = true;
          heldHere.delete(lockPath);
          if (readHolder(lockPath) === process.pid) rmSync(lockPath, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(lockPath);
      // Our own pid in the file but not held here: a previous process that had our pid died.
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(lockPath, holder);
      }
      // Stale (holder dead, or a half-written file from a crash): remove and retry.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}; another process keeps recreating it.`);
}
