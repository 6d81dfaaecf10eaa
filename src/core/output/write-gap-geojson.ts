import type { MultiPolygonCoords } from '../model.ts';
import type { GapRow } from './gap-row.ts';
import { GAP_COLUMNS } from './gap-row.ts';
import type { RunMetadata } from './run-metadata.ts';

/** Coordinates are written with 7 decimals (about 1 cm). */
const COORD_SCALE = 1e7;

/**
 * The gap list as an RFC 7946 FeatureCollection text: one Feature per row, in input order, with the
 * contract's properties and the village polygon; run metadata in the `vunglom` foreign member.
 * With `gapsOnly`, rows whose gap is "none" are left out (and the metadata says so).
 */
export function writeGapGeoJson(
  rows: readonly GapRow[],
  geometries: readonly MultiPolygonCoords[],
  meta: RunMetadata,
): string {
  const parts: string[] = [];
  rows.forEach((row, i) => {
    if (meta.gapsOnly && row.gap === 'none') return;
    const properties: Record<string, unknown> = {};
    for (const c of GAP_COLUMNS) properties[c] = row[c];
    const geometry = geometries[i].length > 0 ? { type: 'MultiPolygon', coordinates: roundCoords(geometries[i]) } : null;
    parts.push(JSON.stringify({ type: 'Feature', id: row.id, properties, geometry }));
  });
  return `{"type":"FeatureCollection","vunglom":${JSON.stringify(meta)},"features":[\n${parts.join(',\n')}\n]}\n`;
}

function roundCoords(g: MultiPolygonCoords): MultiPolygonCoords {
  return g.map((poly) =>
    poly.map((ring) => ring.map(([x, y]) => [Math.round(x * COORD_SCALE) / COORD_SCALE, Math.round(y * COORD_SCALE) / COORD_SCALE])),
  );
}
