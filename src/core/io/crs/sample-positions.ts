import type { GeoPosition } from '../geojson-types.ts';

/**
 * Whether a layer's numbers are degrees or metres, from a sample of its positions (kept apart from
 * the zone ranking, which needs the province outlines and proj4, loaded only when asked).
 */

/** At least half of the positions are outside longitude/latitude range: the numbers are metres (or feet). */
export function looksProjected(positions: readonly GeoPosition[]): boolean {
  if (positions.length === 0) return false;
  let outside = 0;
  for (const p of positions) if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) outside++;
  return outside * 2 >= positions.length;
}

/** Up to `max` positions spread over the features' geometries, for {@link rankZones} and {@link looksProjected}. */
export function samplePositions(geometries: Iterable<unknown>, max = 2000): GeoPosition[] {
  const all: GeoPosition[] = [];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      all.push(c as GeoPosition);
      return;
    }
    // One position per ring or line is enough to place a feature.
    if (Array.isArray(c[0]) && typeof c[0][0] === 'number') {
      visit(c[0]);
      return;
    }
    for (const sub of c) visit(sub);
  };
  for (const g of geometries) {
    if (g === null || typeof g !== 'object') continue;
    const geometry = g as { coordinates?: unknown; geometries?: unknown[] };
    if (Array.isArray(geometry.geometries)) for (const s of geometry.geometries) visit((s as { coordinates?: unknown }).coordinates);
    else visit(geometry.coordinates);
  }
  if (all.length <= max) return all;
  const step = all.length / max;
  return Array.from({ length: max }, (_, i) => all[Math.floor(i * step)]);
}
