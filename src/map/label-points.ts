import type { Feature, FeatureCollection, Point } from 'geojson';
import { interiorPointLonLat } from '../core/geo/interior-point.ts';
import type { MultiPolygonCoords } from '../core/model.ts';

/**
 * One label point per named polygon (villages, communes): a point inside it, so a name is placed
 * once however the map cuts the polygon into tiles (a label on the polygon itself would repeat in
 * every tile it crosses). Keeps `name`, `population` (for ranking) and the feature's id.
 */
export function labelPoints(fc: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  fc.features.forEach((f, i) => {
    const name = f.properties?.name;
    if (typeof name !== 'string' || name === '' || !f.geometry) return;
    const g = f.geometry;
    const coords = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
    if (!coords) return;
    const p = interiorPointLonLat(coords as MultiPolygonCoords);
    if (!p) return;
    const population = f.properties?.population;
    features.push({
      type: 'Feature',
      id: f.id ?? i,
      properties: { name, population: typeof population === 'number' ? population : null },
      geometry: { type: 'Point', coordinates: [p[0], p[1]] },
    });
  });
  return { type: 'FeatureCollection', features };
}
