import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { BtsRecord, FibrePoint, FibreRoute, VillageRecord } from '../../core/model.ts';
import type { SettlementColumns } from '../../core/settlement-columns.ts';
import { btsProperties } from '../../core/output/bts-properties.ts';

/**
 * A user's layer, read into typed records by `readLayer`, turned back into GeoJSON with the data
 * contract's property names (`id`, `name`, `operator`, `tech`, `radius_m`, …). The map draws these
 * collections and the analysis reads them again with the same readers, so a file with other column
 * names behaves exactly like one with ours once its fields are mapped.
 */

function collection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

/** Drops null / undefined values, so absent fields stay absent. */
function props(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * One feature per village, in input order (the analysis pairs results with features by index).
 * A village kept as invalid has no geometry: the map skips it, the analysis keeps it as invalid.
 */
export function villageFeatures(records: readonly VillageRecord[]): FeatureCollection {
  return collection(
    records.map((r) => {
      const geometry: Geometry | null =
        r.invalidReason === undefined && r.geometry.length > 0 ? { type: 'MultiPolygon', coordinates: r.geometry } : null;
      return {
        type: 'Feature',
        geometry: geometry as Geometry,
        properties: props({
          id: r.id,
          name: r.name,
          commune: r.commune,
          district: r.district,
          province: r.province,
          population: r.population,
          households: r.households,
          centre_lon: r.centre?.[0],
          centre_lat: r.centre?.[1],
          synthetic: r.synthetic,
        }),
      };
    }),
  );
}

export function btsFeatures(records: readonly BtsRecord[]): FeatureCollection {
  return collection(
    records.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: props(btsProperties(r)),
    })),
  );
}

export function fibreRouteFeatures(routes: readonly FibreRoute[]): FeatureCollection {
  return collection(
    routes.map((r) => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: r.coordinates },
      properties: props({ id: r.id, operator: r.operator, kind: r.kind }),
    })),
  );
}

export function fibrePointFeatures(points: readonly FibrePoint[]): FeatureCollection {
  return collection(
    points.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: props({ id: p.id, operator: p.operator, kind: p.kind }),
    })),
  );
}

/** Settlements carry their weight as `population`, which the reader takes first. */
export function settlementFeatures(columns: SettlementColumns): FeatureCollection {
  const { ids, lon, lat, weight } = columns;
  return collection(
    ids.map((id, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon[i], lat[i]] },
      properties: { id, population: weight[i] },
    })),
  );
}
