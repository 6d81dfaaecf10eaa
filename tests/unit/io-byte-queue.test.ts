import { describe, expect, it } from 'vitest';
import { ByteQueue } from '../../src/core/io/fgb/byte-queue.ts';
import { readFgb } from '../../src/core/io/read-fgb.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

describe('ByteQueue', () => {
  it('takes a uint32 and a view inside one chunk and across chunks, at the right positions', () => {
    const q = new ByteQueue();
    q.push(new Uint8Array([1, 0, 0, 0, 0xff, 0xff]));
    q.push(new Uint8Array([0xff, 0xff, 9, 8]));
    q.push(new Uint8Array([7, 6, 5]));
    expect(q.takeUint32()).toBe(1);
    expect(q.takeUint32()).toBe(0xffffffff);
    expect(q.position).toBe(8);
    const across = q.takeView(3);
    expect([across.getUint8(0), across.getUint8(1), across.getUint8(2)]).toEqual([9, 8, 7]);
    const inside = q.takeView(2);
    expect(inside.byteLength).toBe(2);
    expect([inside.getUint8(0), inside.getUint8(1)]).toEqual([6, 5]);
    expect(q.length).toBe(0);
  });

  it('a FlatGeobuf fed a few bytes at a time reads as it does whole', async () => {
    const file = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/fgb/grid-points-no-index.fgb', import.meta.url))));
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < file.length; at += 7) yield file.subarray(at, at + 7);
    }
    const whole = await readFgb(file);
    const byPieces = await readFgb(pieces());
    expect(byPieces.features).toEqual(whole.features);
    expect(whole.features).toHaveLength(100);
  });
});
