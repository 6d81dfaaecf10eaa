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

/** The columns of settlement records, in their order (for points made as objects: tests, a few hand-made layers). */
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

/** The columns of several layers one after another (the CLI's repeated --settlements). */
export function concatSettlementColumns(parts: readonly SettlementColumns[]): SettlementColumns {
  if (parts.length === 1) return parts[0];
  const n = parts.reduce((sum, p) => sum + p.ids.length, 0);
  const out: SettlementColumns = { ids: [], lon: new Float64Array(n), lat: new Float64Array(n), weight: new Float64Array(n) };
  let at = 0;
  for (const p of parts) {
    // concat, not push(...ids): spreading 100,000+ ids overflows the call stack.
    out.ids = out.ids.concat(p.ids);
    out.lon.set(p.lon, at);
    out.lat.set(p.lat, at);
    out.weight.set(p.weight, at);
    at += p.ids.length;
  }
  return out;
}

/** The records of settlement columns, an object a point (to compare or inspect a few; the readers and the engine never make them). */
export function settlementRecords(columns: SettlementColumns): SettlementRecord[] {
  const { ids, lon, lat, weight } = columns;
  return ids.map((id, i) => ({ id, lon: lon[i], lat: lat[i], weight: weight[i] }));
}
