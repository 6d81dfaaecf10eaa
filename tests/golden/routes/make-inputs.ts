/**
 * Writes the golden inputs `in/*.geojson` of the reporting classes and routes: small scenes whose
 * answer follows from the rules in src/core/report (route.ts, signal-class.ts), stored on each
 * village as `expected_signal_class`, `expected_route`, `expected_route_operators` and
 * `expected_route_sites`. Positions are geodesic offsets (metres east, north) from a centre.
 * Run: npx tsx tests/golden/routes/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geodesicDirect } from '../../../src/core/geo/geodesic.ts';
import type { Position } from '../../../src/core/model.ts';

const DIR = fileURLToPath(new URL('./in/', import.meta.url));
const C: Position = [107.9, 14.5];

function at(east: number, north: number): Position {
  const d = Math.hypot(east, north);
  if (d === 0) return [C[0], C[1]];
  const p = geodesicDirect(C[0], C[1], (Math.atan2(east, north) * 180) / Math.PI, d);
  return [Math.round(p[0] * 1e12) / 1e12, Math.round(p[1] * 1e12) / 1e12];
}

/** Counter-clockwise square ring of half size `h` metres around offset (ox, oy). */
function square(h: number, ox = 0, oy = 0): Position[][] {
  const ring = [at(ox - h, oy - h), at(ox + h, oy - h), at(ox + h, oy + h), at(ox - h, oy + h)];
  return [[...ring, ring[0]]];
}

interface Village {
  id: string;
  rings: Position[][];
  signal: string | null;
  route: string | null;
  operators?: string[];
  sites?: string[];
  invalid?: string;
}

interface Site {
  id: string;
  site: string;
  operator: string;
  tech: string;
  east: number;
  north: number;
  radius_m: number;
  azimuth_deg?: number;
  beamwidth_deg?: number;
}

function write(name: string, description: string, villages: Village[], sites: Site[]): void {
  const features = [
    ...villages.map((v) => ({
      type: 'Feature',
      properties: {
        role: 'village',
        id: v.id,
        ...(v.invalid ? { invalid_reason: v.invalid } : {}),
        expected_signal_class: v.signal,
        expected_route: v.route,
        expected_route_operators: v.operators ?? [],
        expected_route_sites: v.sites ?? [],
      },
      geometry: { type: 'Polygon', coordinates: v.rings },
    })),
    ...sites.map((s) => ({
      type: 'Feature',
      properties: {
        role: 'site',
        id: s.id,
        site_id: s.site,
        operator: s.operator,
        tech: s.tech,
        radius_m: s.radius_m,
        azimuth_deg: s.azimuth_deg ?? null,
        beamwidth_deg: s.beamwidth_deg ?? null,
      },
      geometry: { type: 'Point', coordinates: at(s.east, s.north) },
    })),
  ];
  writeFileSync(`${DIR}${name}.geojson`, `${JSON.stringify({ type: 'FeatureCollection', description, features }, null, 1)}\n`);
}

/** A far site of a second operator, so that the data has two operators (sharing needs another one). */
const far = (operator: string): Site => ({ id: `far-${operator}`, site: `S-far-${operator}`, operator, tech: '4G', east: 60_000, north: 0, radius_m: 3500 });

write(
  'share-3g-only-site',
  'A 2 km village 1.5 km from a VinaPhone site with 3G only (not broadband): a 4G cell of another operator there (default 3.5 km) covers it. trắng sóng, share, VinaPhone, its site.',
  [{ id: 'v', rings: square(1000), signal: 'trang-song', route: 'share', operators: ['VinaPhone'], sites: ['S-3g'] }],
  [{ id: 'b-3g', site: 'S-3g', operator: 'VinaPhone', tech: '3G', east: 1500, north: 0, radius_m: 4000 }, far('Viettel')],
);

write(
  'lom-song-share-sector',
  'A 3 km village; a VinaPhone 4G sector 300 m south of its centre points north (90°): the centre is lit, most of the area not. lõm sóng; an omnidirectional 4G cell of another operator on that mast covers all: share.',
  [{ id: 'v', rings: square(1500), signal: 'lom-song', route: 'share', operators: ['VinaPhone'], sites: ['S-sector'] }],
  [{ id: 'b-sector', site: 'S-sector', operator: 'VinaPhone', tech: '4G', east: 0, north: -300, radius_m: 3500, azimuth_deg: 0, beamwidth_deg: 90 }, far('Viettel')],
);

write(
  'build-operator-nearby',
  'A 1 km village; the nearest site, Viettel 4G, is 7 km away (within 10 km: Viettel is present), too far to reach it even shared: build, Viettel.',
  [{ id: 'v', rings: square(500), signal: 'trang-song', route: 'build', operators: ['Viettel'] }],
  [{ id: 'b-vt', site: 'S-vt', operator: 'Viettel', tech: '4G', east: 7000, north: 0, radius_m: 3500 }, far('MobiFone')],
);

write(
  'build-site-used-by-every-operator',
  'As share-3g-only-site, but both operators of the data are already on the 3G mast: nobody can share it. Both are present (Viettel first: same distance, by name): build.',
  [{ id: 'v', rings: square(1000), signal: 'trang-song', route: 'build', operators: ['Viettel', 'VinaPhone'] }],
  [
    { id: 'b-3g-vn', site: 'S-3g', operator: 'VinaPhone', tech: '3G', east: 1500, north: 0, radius_m: 4000 },
    { id: 'b-3g-vt', site: 'S-3g', operator: 'Viettel', tech: '3G', east: 1500, north: 0, radius_m: 4000 },
  ],
);

write(
  'vtf-no-operator-nearby',
  'A 1 km village 15 km from the nearest site: no operator is present within 10 km. trắng sóng, VTF.',
  [{ id: 'v', rings: square(500), signal: 'trang-song', route: 'vtf' }],
  [{ id: 'b-vt', site: 'S-vt', operator: 'Viettel', tech: '4G', east: 15_000, north: 0, radius_m: 3500 }, far('MobiFone')],
);

write(
  'vtf-no-single-site-closes-it',
  'A 16 km village (no settlements: the area decides) with a Viettel site 8 km east of its centre: one added 3.5 km cell covers at most 15 % of it, far from 90 %. VTF.',
  [{ id: 'v', rings: square(8000), signal: 'trang-song', route: 'vtf' }],
  [{ id: 'b-vt', site: 'S-vt', operator: 'Viettel', tech: '4G', east: 8000, north: 0, radius_m: 3500 }, far('MobiFone')],
);

write(
  'covered-phu-song-and-invalid',
  'A village inside a 4G disk is phủ sóng with no route; an invalid village has neither class nor route (unknown, not a guess).',
  [
    { id: 'covered', rings: square(500), signal: 'phu-song', route: null },
    { id: 'invalid', rings: square(500, 20_000, 0), signal: null, route: null, invalid: 'self-intersection that could not be repaired' },
  ],
  [{ id: 'b-vt', site: 'S-vt', operator: 'Viettel', tech: '4G', east: 200, north: 0, radius_m: 3500 }, far('MobiFone')],
);
