/**
 * Writes the golden inputs `in/*.geojson`: villages and sites laid out with geodesic offsets from a
 * centre, so that in any local conformal frame they form the squares, rectangles and circles of the
 * analytic answer stored on each village as `expected_area_fraction`.
 * Run: npx tsx tests/golden/coverage/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geodesicDirect } from '../../../src/core/geo/geodesic.ts';
import type { Position } from '../../../src/core/model.ts';

const DIR = fileURLToPath(new URL('./in/', import.meta.url));

/** Point at plane offset (east, north) metres from (lon, lat), along the geodesic of that bearing. */
function at(c: Position, east: number, north: number): Position {
  const d = Math.hypot(east, north);
  if (d === 0) return [c[0], c[1]];
  const p = geodesicDirect(c[0], c[1], (Math.atan2(east, north) * 180) / Math.PI, d);
  return [round(p[0]), round(p[1])];
}

function round(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

/** Counter-clockwise rectangle ring of half sizes (hx, hy) around plane offset (ox, oy) of c. */
function rect(c: Position, hx: number, hy: number, ox = 0, oy = 0): Position[] {
  const ring = [at(c, ox - hx, oy - hy), at(c, ox + hx, oy - hy), at(c, ox + hx, oy + hy), at(c, ox - hx, oy + hy)];
  return [...ring, ring[0]];
}

interface Site {
  east: number;
  north: number;
  radius_m: number;
  operator?: string;
  tech?: string;
  azimuth_deg?: number;
  beamwidth_deg?: number;
}

interface Village {
  id: string;
  /** MultiPolygon coordinates: polygons, each a list of rings. */
  rings: Position[][][];
  expected: number;
  expectedByOperator?: Record<string, number>;
}

function write(name: string, description: string, c: Position, villages: Village[], sites: Site[]): void {
  const features = [
    ...villages.map((v) => ({
      type: 'Feature',
      properties: {
        role: 'village',
        id: v.id,
        expected_area_fraction: v.expected,
        ...(v.expectedByOperator ? { expected_by_operator: v.expectedByOperator } : {}),
      },
      geometry: v.rings.length === 1 ? { type: 'Polygon', coordinates: v.rings[0] } : { type: 'MultiPolygon', coordinates: v.rings },
    })),
    ...sites.map((s, i) => ({
      type: 'Feature',
      properties: {
        role: 'site',
        id: `site-${i}`,
        operator: s.operator ?? 'A',
        tech: s.tech ?? '4G',
        radius_m: s.radius_m,
        azimuth_deg: s.azimuth_deg ?? null,
        beamwidth_deg: s.beamwidth_deg ?? null,
      },
      geometry: { type: 'Point', coordinates: at(c, s.east, s.north) },
    })),
  ];
  writeFileSync(`${DIR}${name}.geojson`, `${JSON.stringify({ type: 'FeatureCollection', description, features }, null, 1)}\n`);
}

const KT: Position = [107.9, 14.5];
const HI: Position = [10.75, 60.0];
const a = 1000;
const square = (c: Position) => [[rect(c, a, a)]];
const segment = (r: number, d: number) => r * r * Math.acos(d / r) - d * Math.sqrt(r * r - d * d);
const lens = (r: number, d: number) => 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);

write('inside-one-disk', 'A 2 km square inside one 3 km disk: fully covered.', KT,
  [{ id: 'v', rings: square(KT), expected: 1 }], [{ east: 300, north: -200, radius_m: 3000 }]);

write('square-cut-by-disk-through-centre', 'Disk of radius a centred on the east edge of a 2a square: its circle passes through the centre; half a disk inside, π/8.', KT,
  [{ id: 'v', rings: square(KT), expected: Math.PI / 8 }], [{ east: a, north: 0, radius_m: a }]);

write('square-disk-corners-cut', 'Disk of radius 1.2a at the centre of a 2a square: the disk minus four circular segments.', KT,
  [{ id: 'v', rings: square(KT), expected: (Math.PI * 1.44e6 - 4 * segment(1200, 1000)) / 4e6 }], [{ east: 0, north: 0, radius_m: 1200 }]);

write('disk-through-corners', 'Circle through the four corners of the square (vertices on the circle): fully covered.', KT,
  [{ id: 'v', rings: square(KT), expected: 1 }], [{ east: 0, north: 0, radius_m: a * Math.SQRT2 }]);

write('disk-tangent-to-edges', 'Circle inscribed in the square, tangent to all four edges: π/4.', KT,
  [{ id: 'v', rings: square(KT), expected: Math.PI / 4 }], [{ east: 0, north: 0, radius_m: a }]);

write('two-overlapping-disks-lens', 'Two 1.5 km disks 1.4 km apart inside a 6 × 4 km rectangle: 2πr² − lens.', KT,
  [{ id: 'v', rings: [[rect(KT, 3000, 2000)]], expected: (2 * Math.PI * 1500 ** 2 - lens(1500, 1400)) / 24e6 }],
  [{ east: -700, north: 0, radius_m: 1500 }, { east: 700, north: 0, radius_m: 1500 }]);

write('tangent-disks', 'Two 1.5 km disks touching at the centre of a 6 × 4 km rectangle.', KT,
  [{ id: 'v', rings: [[rect(KT, 3000, 2000)]], expected: (2 * Math.PI * 1500 ** 2) / 24e6 }],
  [{ east: -1500, north: 0, radius_m: 1500 }, { east: 1500, north: 0, radius_m: 1500 }]);

write('disk-inside-another', 'A 0.5 km disk inside a 1.5 km disk adds nothing.', KT,
  [{ id: 'v', rings: [[rect(KT, 3000, 2000)]], expected: (Math.PI * 1500 ** 2) / 24e6 }],
  [{ east: -700, north: 0, radius_m: 1500 }, { east: -700, north: 200, radius_m: 500 }]);

write('identical-disks-three-operators', 'One mast carrying three operators with the same 1.2 km disk: counted once; each operator alone gives the same.', KT,
  [{ id: 'v', rings: square(KT), expected: (Math.PI * 1.44e6 - 4 * segment(1200, 1000)) / 4e6,
    expectedByOperator: { A: (Math.PI * 1.44e6 - 4 * segment(1200, 1000)) / 4e6, B: (Math.PI * 1.44e6 - 4 * segment(1200, 1000)) / 4e6, C: (Math.PI * 1.44e6 - 4 * segment(1200, 1000)) / 4e6 } }],
  ['A', 'B', 'C'].map((operator) => ({ east: 0, north: 0, radius_m: 1200, operator })));

write('sector-quarter', 'A 90° sector (azimuth 45°) of radius 0.8 km at the centre of the square: a quarter disk.', KT,
  [{ id: 'v', rings: square(KT), expected: (Math.PI * 0.64e6) / 4 / 4e6 }], [{ east: 0, north: 0, radius_m: 800, azimuth_deg: 45, beamwidth_deg: 90 }]);

write('sector-wide-270', 'A 270° sector (wider than 180°, split in two convex halves): three quarters of the disk.', KT,
  [{ id: 'v', rings: square(KT), expected: (0.75 * Math.PI * 0.64e6) / 4e6 }], [{ east: 0, north: 0, radius_m: 800, azimuth_deg: 200, beamwidth_deg: 270 }]);

write('sectors-three-make-a-disk', 'Three 120° sectors of one mast with the same radius: their shared edges cancel, a full disk.', KT,
  [{ id: 'v', rings: square(KT), expected: (Math.PI * 0.64e6) / 4e6 }],
  [0, 120, 240].map((az) => ({ east: 0, north: 0, radius_m: 800, azimuth_deg: az + 17.3, beamwidth_deg: 120 })));

write('sector-edge-cuts-village', 'A 180° sector (azimuth 90°) of radius 3 km at the centre: its straight edge halves the square.', KT,
  [{ id: 'v', rings: square(KT), expected: 0.5 }], [{ east: 0, north: 0, radius_m: 3000, azimuth_deg: 90, beamwidth_deg: 180 }]);

write('village-with-hole', 'A 4 km square with a 1 km square hole, a 1.5 km disk at the centre: (πr² − hole) / (outer − hole).', KT,
  [{ id: 'v', rings: [[rect(KT, 2000, 2000), rect(KT, 500, 500).reverse()]], expected: (Math.PI * 2.25e6 - 1e6) / 15e6 }],
  [{ east: 0, north: 0, radius_m: 1500 }]);

write('multipolygon-village', 'Two 2 km squares 5 km apart, a 0.8 km disk in the first: πr² / both areas.', KT,
  [{ id: 'v', rings: [[rect(KT, a, a, -2500, 0)], [rect(KT, a, a, 2500, 0)]], expected: (Math.PI * 0.64e6) / 8e6 }],
  [{ east: -2500, north: 0, radius_m: 800 }]);

write('high-latitude-60n', 'At 60°N, a disk of radius a on the east edge of a 2a square: π/8 (an equirectangular frame would miss by ~1e-3).', HI,
  [{ id: 'v', rings: square(HI), expected: Math.PI / 8 }], [{ east: a, north: 0, radius_m: a }]);

write('no-footprint-touches', 'A site 10 km away with a 3 km disk: nothing covered.', KT,
  [{ id: 'v', rings: square(KT), expected: 0 }], [{ east: 10000, north: 0, radius_m: 3000 }]);
