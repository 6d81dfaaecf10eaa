import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCoverageApi } from '../../workers/coverage-api.ts';
import { startRangeServer, type RangeServer } from '../helpers/range-server.ts';

/**
 * What the coverage worker tells the page when it reads a layer by URL: the rows it skipped (the
 * first ones and how many), that a server could not answer range requests, and the records it
 * kept, which the page draws (one read, one answer).
 */

const K = resolve('public/data/kon-tum');

describe('the coverage worker reading a layer by URL', () => {
  let dir: string;
  let withRanges: RangeServer;
  let withoutRanges: RangeServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vunglom-open-'));
    copyFileSync(join(K, 'bts.fgb'), join(dir, 'bts.fgb'));
    const rows = ['id,lon,lat,operator,tech', 'A,107.9,14.6,Viettel,4G', 'B,abc,14.6,Viettel,4G'];
    for (let i = 0; i < 250; i++) rows.push(`C${i},107.9,14.6,Viettel,6G`);
    writeFileSync(join(dir, 'sites.csv'), `${rows.join('\n')}\n`);
    withRanges = await startRangeServer(dir);
    withoutRanges = await startRangeServer(dir, { ranges: false });
  });

  afterAll(async () => {
    await Promise.all([withRanges.close(), withoutRanges.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('tells the rows it skipped, the first 200 and how many, and keeps the records for the page', async () => {
    const api = createCoverageApi();
    const opened = await api.openLayer('bts', { url: `${withRanges.url}/sites.csv` });
    if ('error' in opened) throw new Error(opened.error.message);
    expect(opened.count).toBe(1);
    expect(opened.issueCount).toBe(251);
    expect(opened.issues).toHaveLength(200);
    expect(opened.issues[0].message).toMatch(/^line 3: longitude: "abc" is not a coordinate .*Row skipped\.$/);
    expect(opened.wholeFile).toBeUndefined();
    expect(api.layerRecords('bts')?.map((b) => b.id)).toEqual(['A']);
    expect(api.layerRecords('villages')).toBeNull();
  });

  test('says when a server ignored Range and the file was read whole, and reads the same records', async () => {
    const rect = { minX: 107, minY: 13.5, maxX: 109, maxY: 15.5 };
    const api = createCoverageApi();
    const ranged = await api.openLayer('bts', { url: `${withRanges.url}/bts.fgb`, rect });
    const whole = await api.openLayer('bts', { url: `${withoutRanges.url}/bts.fgb`, rect });
    if ('error' in ranged || 'error' in whole) throw new Error('both reads should succeed');
    expect(ranged.wholeFile).toBeUndefined();
    expect(whole.wholeFile).toBe('ignores-range');
    expect(whole.count).toBe(ranged.count);
    expect(whole.count).toBeGreaterThan(1000);
  });

  test('a layer it cannot read is an error, and its slot stays empty', async () => {
    const api = createCoverageApi();
    const opened = await api.openLayer('villages', { url: `${withRanges.url}/sites.csv` });
    expect('error' in opened && opened.error.code).toBe('wrong-geometry');
    expect(api.layerRecords('villages')).toBeNull();
  });
});
