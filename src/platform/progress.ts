import cliProgress from 'cli-progress';

/** Reports progress of long work. */
export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/**
 * A bar on a terminal; on a pipe or in CI, a line at every 10 % so logs stay readable.
 */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: '{label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}',
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (label, total) => bar.start(total, 0, { label }),
      update: (done) => bar.update(done),
      stop: () => bar.stop(),
    };
  }
  let label = '';
  let total = 0;
  let nextTenth = 1;
  let started = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      nextTenth = 1;
      started = Date.now();
      stream.write(`${label}: 0/${total}\n`);
    },
    update(done) {
      while (total > 0 && done >= (nextTenth * total) / 10 && nextTenth <= 10) {
        stream.write(
          `${label}: ${done}/${total} (${nextTenth * 10}%, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
        );
        nextTenth++;
      }
    },
    stop() {},
  };
}
