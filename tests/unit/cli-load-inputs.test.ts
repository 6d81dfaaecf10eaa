import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadInputs } from '../../src/cli/load-inputs.ts';

it('reads a national-size BTS file (150,000 rows) without overflowing the stack', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vunglom-load-'));
  const rows = ['id,operator,tech,lon,lat'];
  for (let i = 0; i < 150_000; i++) rows.push(`b${i},Viettel,4G,${(102 + (i % 900) / 100).toFixed(4)},${(9 + Math.floor(i / 900) / 20).toFixed(4)}`);
  writeFileSync(join(dir, 'bts.csv'), rows.join('\n'));
  const loaded = await loadInputs({ villages: 'public/data/kon-tum/villages.fgb', bts: [join(dir, 'bts.csv'), join(dir, 'bts.csv')], fibre: [], settlements: [], config: null, crs: null, encoding: null, dem: [], terrainCache: null });
  expect(loaded.input.bts.length).toBe(300_000);
  expect(loaded.fingerprints.map((f) => f.role)).toEqual(['villages', 'bts', 'bts']);
});

it('a missing file is refused as no such file (not as an HTTP error), naming it', async () => {
  const missing = join(tmpdir(), 'vunglom-nope', 'villages.geojson');
  await expect(loadInputs({ villages: missing, bts: ['public/data/kon-tum/bts.fgb'], fibre: [], settlements: [], config: null, crs: null, encoding: null, dem: [], terrainCache: null })).rejects.toMatchObject({
    code: 'no-such-file',
    message: `${missing}: no such file. Check the path.`,
  });
});
