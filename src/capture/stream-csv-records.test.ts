import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamRecords } from './stream-csv-records.ts';

describe('streamRecords', () => {
  it('reads no further ahead of the file while a chunk of rows is being handled', async () => {
    const CHUNKS = 400;
    let produced = 0;
    const input = new Readable({
      read() {
        if (produced === CHUNKS) return void this.push(null);
        const header = produced === 0 ? 'id,name\n' : '';
        produced++;
        this.push(header + Array.from({ length: 40 }, (_, i) => `${produced}-${i},名前${i}\n`).join(''));
      },
    });
    let rows = 0;
    let aheadDuringFirstChunk = -1;
    await streamRecords(
      () => input,
      (fields) => expect(fields).toEqual(['id', 'name']),
      async (chunk) => {
        if (aheadDuringFirstChunk < 0) {
          await new Promise((r) => setTimeout(r, 100)); // a slow batch write
          aheadDuringFirstChunk = produced;
        }
        rows += chunk.length;
      },
    );
    expect(rows).toBe(CHUNKS * 40);
    // Without pausing the file, all 400 chunks were read (and queued) during the first wait;
    // with it, only what fills the stream's own buffer (~40 here).
    expect(aheadDuringFirstChunk).toBeLessThan(100);
  });
});
