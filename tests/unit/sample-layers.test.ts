import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Feature } from 'geojson';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { VN_OPERATORS } from '../../src/core/defaults.ts';
import { TECHS } from '../../src/core/model.ts';
import { buildSample } from '../../data/scripts/build-sample.ts';
import type { SampleManifest } from '../../data/scripts/sample-files.ts';

const DIR = 'public/data/kon-tum';
const ID_FIELD: Record<string, string> = {
  province: 'province_id',
  districts: 'district_id',
  communes: 'commune_id',
  villages: 'id',
  settlements: 'id',
  bts: 'id',
  'fibre-routes': 'id',
  'fibre-points': 'id',
};

async function readLayer(file: string): Promise<{ features: Feature[]; header: HeaderMeta }> {
  const features: Feature[] = [];
  let header: HeaderMeta | undefined;
  for await (const f of deserialize(new Uint8Array(readFileSync(`${DIR}/${file}`)), { headerMetaFn: (h: HeaderMeta) => (header = h) })) {
    features.push(f as Feature);
  }
  return { features, header: header as HeaderMeta };
}

describe('Kon Tum sample layers', () => {
  const manifest = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as SampleManifest;
  const layers = new Map<string, Feature[]>();
  beforeAll(async () => {
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    for (const [name, entry] of Object.entries(manifest.layers)) layers.set(name, (await readLayer(entry.file)).features);
  });

  it('lists every layer with its real count, geometry type and an indexed file', async () => {
    expect(Object.keys(manifest.layers).sort()).toEqual(
      ['bts', 'communes', 'districts', 'fibre-points', 'fibre-routes', 'province', 'roads', 'settlements', 'villages'].sort(),
    );
    for (const [name, entry] of Object.entries(manifest.layers)) {
      const { features, header } = await readLayer(entry.file);
      expect(features.length, name).toBe(entry.count);
      expect(header.indexNodeSize, name).toBe(16);
      expect(header.crs?.code, name).toBe(4326);
      expect(new Set(features.map((f) => f.geometry.type)), name).toEqual(new Set([entry.geometry]));
      expect(entry.description.vi.length > 0 && entry.description.en.length > 0, name).toBe(true);
      expect(entry.real, name).toBe(['province', 'districts', 'communes', 'roads'].includes(name));
    }
    expect(manifest.seed).toBeTypeOf('number');
    expect(manifest.attribution.map((a) => a.license)).toEqual(expect.arrayContaining(['MIT', 'CC BY-SA 4.0']));
  });

  it('has unique ids in every layer and synthetic: true on every generated feature', () => {
    for (const [name, field] of Object.entries(ID_FIELD)) {
      const features = layers.get(name) as Feature[];
      const ids = features.map((f) => f.properties?.[field]);
      expect(ids.every((id) => typeof id === 'string' && id.length > 0), name).toBe(true);
      expect(new Set(ids).size, name).toBe(ids.length);
      if (!manifest.layers[name].real) expect(features.every((f) => f.properties?.synthetic === true), name).toBe(true);
    }
  });

  it('gives every BTS a valid operator and technology, and shares 10–20 % of physical sites', () => {
    const bts = layers.get('bts') as Feature[];
    const operators = new Set(VN_OPERATORS.map((o) => o.name));
    const bySite = new Map<string, Set<string>>();
    for (const b of bts) {
      const p = b.properties as Record<string, string | number | null>;
      expect(operators.has(p.operator as string), String(p.operator)).toBe(true);
      expect(TECHS.includes(p.tech as never), String(p.tech)).toBe(true);
      if (p.azimuth_deg !== undefined) expect(p.beamwidth_deg).toBeGreaterThan(0);
      const ops = bySite.get(p.site_id as string) ?? new Set<string>();
      ops.add(p.operator as string);
      bySite.set(p.site_id as string, ops);
    }
    for (const op of operators) expect(bts.some((b) => b.properties?.operator === op), op).toBe(true);
    const shared = [...bySite.values()].filter((ops) => ops.size >= 2).length / bySite.size;
    expect(shared).toBeGreaterThanOrEqual(0.1);
    expect(shared).toBeLessThanOrEqual(0.2);
    const techs = new Set(bts.map((b) => b.properties?.tech));
    expect([...techs].sort()).toEqual(['2G', '3G', '4G', '5G']);
  });

  it('rebuilds byte-identical files from data/sources', () => {
    const { files } = buildSample('data/sources');
    expect([...files.keys()].sort()).toEqual(
      [...Object.values(manifest.layers).map((l) => l.file), 'manifest.json'].sort(),
    );
    for (const [name, bytes] of files) {
      const committed = readFileSync(`${DIR}/${name}`);
      expect(Buffer.from(bytes).equals(committed), `${name} differs from the committed file: run npm run sample`).toBe(true);
    }
  });
});
