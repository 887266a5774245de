import type { Readable } from 'node:stream';
import Papa from 'papaparse';

/** Streams CSV records in chunks; the next chunk is read only after `onRows` finished. */
export function streamRecords(
  open: () => Readable,
  onHeader: (fields: string[]) => void,
  onRows: (rows: Record<string, string>[], firstLine: number, bytes: number) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = open();
    input.setEncoding('utf8');
    let line = 2;
    let headerSeen = false;
    let failed = false;
    Papa.parse<Record<string, string>>(input as unknown as File, {
      header: true,
      skipEmptyLines: 'greedy',
      chunkSize: 256 * 1024,
      transformHeader: (h) => h.replace(/^\uFEFF/, '').trim(),
      chunk: (results, parser) => {
        if (failed) return;
        if (!headerSeen) {
          headerSeen = true;
          try {
            onHeader(results.meta.fields ?? []);
          } catch (err) {
            failed = true;
            parser.abort();
            reject(err);
            return;
          }
        }
        // Papaparse's pause stops parsing but not the file stream, whose chunks it then
        // queues: while a slow batch was written, the rest of the file piled up in memory
        // (a 1M-row file, 162 MB, is held as twice that in strings). Pause the stream too.
        parser.pause();
        input.pause();
        const first = line;
        line += results.data.length;
        onRows(results.data, first, results.meta.cursor).then(
          () => {
            input.resume();
            parser.resume();
          },
          (err) => {
            failed = true;
            parser.abort();
            reject(err);
          },
        );
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (err: Error) => reject(err),
    });
  });
}
