import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/io/input-error.ts';
import { readFgb } from '../../src/core/io/read-fgb.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';
import { readSettlements } from '../../src/core/io/read-settlements.ts';
import { villageRows } from '../../src/core/io/read-villages.ts';
import { btsRows } from '../../src/core/io/read-bts.ts';
import { writeFlatGeobuf } from '../../src/core/io/write-fgb.ts';
import { rejection } from '../helpers/rejection.ts';

const grid = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/fgb/grid-points-indexed.fgb', import.meta.url))));
const RECT = { minX: 107.25, minY: 14.25, maxX: 107.55, maxY: 14.45 };

const settlements = Array.from({ length: 5 }, (_, i) => ({
  type: 'Feature' as const,
  properties: { id: i === 3 ? 's1' : `s${i}`, village_id: `v${i}`, population: i === 2 ? -5 : 10 * i, households: 3, synthetic: true, note: 'ghi chú' },
  geometry: { type: 'Point' as const, coordinates: [107 + i / 10, 14] },
}));

describe('FlatGeobuf: only the columns a reader reads are decoded', () => {
  it('leaves the other columns out of the properties, read whole or through the index', async () => {
    const all = await readFgb(grid);
    expect(Object.keys(all.features[0].properties).length).toBeGreaterThan(1);
    for (const options of [{}, { rect: RECT }]) {
      const some = await readFgb(grid, { ...options, usedColumns: () => ['id'] });
      expect(some.features.length).toBeGreaterThan(0);
      for (const f of some.features) expect(Object.keys(f.properties)).toEqual(['id']);
    }
    const none = await readFgb(grid, { usedColumns: () => null });
    expect(none.features).toEqual(all.features);
  });

  it('still refuses a feature whose unread value runs past its end', async () => {
    const bytes = writeFlatGeobuf(settlements);
    // The note "ghi chú" (9 bytes in UTF-8) of the first feature: make its length prefix overrun.
    const needle = new TextEncoder().encode('ghi chú');
    let at = -1;
    for (let i = 0; i + needle.length <= bytes.length && at < 0; i++) {
      if (needle.every((b, k) => bytes[i + k] === b)) at = i;
    }
    expect(at).toBeGreaterThan(4);
    new DataView(bytes.buffer).setUint32(at - 4, 1000, true);
    const e = await rejection(readFgb(bytes, { name: 's.fgb', usedColumns: () => ['id'] }));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('corrupt');
    expect(e.message).toMatch(/s\.fgb is corrupt: feature 1 of 5 does not decode \(the value of its column "note" runs past/);
  });

  it('reads the same records and issues as from every property (settlements with extra columns)', async () => {
    const bytes = writeFlatGeobuf(settlements);
    const read = await readLayer('settlements', { name: 's.fgb', bytes });
    const whole = readSettlements(settlements);
    expect(read.columns).toEqual(whole.columns);
    expect(read.issues).toEqual(whole.issues);
    expect(read.issues.map((i) => i.code)).toEqual(['bad-number', 'duplicate-id']);
  });

  it('a reader says which columns it reads: its fields, as mapped, and none when its columns are missing', () => {
    const villages = villageRows({ where: 'feature', columns: ['id', 'ten', 'commune_id', 'dan_so', 'synthetic'], mapping: { name: 'ten', population: 'dan_so' } });
    expect([...(villages.usedColumns() ?? [])].sort()).toEqual(['dan_so', 'id', 'ten']);
    expect(villageRows({ where: 'feature' }).usedColumns()).toBeNull();
    expect(btsRows({ where: 'feature', columns: ['id'] }).usedColumns()).toEqual([]);
  });
});

describe('FlatGeobuf text values', () => {
  it('reads back strings of every length around the short-text cut, ASCII and not, in any order', async () => {
    const texts = [...Array.from({ length: 40 }, (_, n) => 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH'.slice(0, 40 - n)),
      'Đ', 'xã Đắk Hà', 'a'.repeat(31) + 'é', 'z', '', 'thôn 1', 'b'.repeat(33)];
    const features = texts.map((t, i) => ({ type: 'Feature' as const, properties: { id: `f${i}`, name: t }, geometry: { type: 'Point' as const, coordinates: [107, 14] } }));
    const read = await readFgb(writeFlatGeobuf(features));
    expect(read.features.map((f) => f.properties.name)).toEqual(texts);
  });
});
