import type { SettlementRecord } from './model.ts';

/**
 * Settlement points as columns: one array per field instead of an object per point. A country's
 * 620,000 settlements are four arrays here (no object per point but its id, to keep or to copy to
 * another worker), which the engine packs and groups by village directly. Point `i` is `ids[i]` at
 * (`lon[i]`, `lat[i]`) with `weight[i]` people (or households, or 1).
 */
export interface SettlementColumns {
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
  weight: Float64Array;
}

/** The columns of settlement records (as the readers give them), in their order. */
export function settlementColumns(records: readonly SettlementRecord[]): SettlementColumns {
  const n = records.length;
  const ids: string[] = new Array<string>(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = records[i];
    ids[i] = s.id;
    lon[i] = s.lon;
    lat[i] = s.lat;
    weight[i] = s.weight;
  }
  return { ids, lon, lat, weight };
}

/** The records of settlement columns (for drawing a province's layer; the engine never needs them). */
export function settlementRecords(columns: SettlementColumns): SettlementRecord[] {
  const { ids, lon, lat, weight } = columns;
  return ids.map((id, i) => ({ id, lon: lon[i], lat: lat[i], weight: weight[i] }));
}
