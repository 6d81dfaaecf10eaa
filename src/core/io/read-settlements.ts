import type { InputIssue, Position } from '../model.ts';
import type { SettlementColumns } from '../settlement-columns.ts';
import { type FieldMapping, mappedColumns, type ResolvedFields, resolveFields } from './field-mapping.ts';
import type { GeoFeature } from './geojson-types.ts';
import { countField, isLonLat, type LayerInput, pointOf, rowIssue, takeId, toTable } from './layer-input.ts';
import { readTable, type RowReader, type RowReaderOptions, rowReader } from './row-reader.ts';

export interface SettlementsResult {
  /** The points as columns: a country's 620,000 settlements are four arrays, not an object each. */
  columns: SettlementColumns;
  issues: InputIssue[];
  fields: ResolvedFields;
}

/** A settlement's position as it arrived, or why it is skipped (a position itself, not wrapped: one object fewer per point). */
type PreparedSettlement = Position | { code: string; message: string };

function prepareSettlement(f: GeoFeature): PreparedSettlement {
  const p = pointOf(f);
  if (p === null) return { code: 'wrong-geometry', message: `a settlement must be a point, this is ${f.geometry ? f.geometry.type : 'empty'}. Skipped.` };
  if (!isLonLat(p[0], p[1])) return { code: 'out-of-range', message: `(${p[0]}, ${p[1]}) is not a longitude/latitude. Skipped.` };
  return p;
}

/**
 * Settlement points → columns with a weight, one row at a time (see row-reader.ts): population
 * when given and positive, else households, else 1. A layer without points is `wrong-geometry`;
 * other rows are reported and skipped.
 */
export function settlementRows(options: RowReaderOptions): RowReader<SettlementsResult> {
  const ids: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  const weight: number[] = [];
  return rowReader<PreparedSettlement, ResolvedFields, SettlementsResult>({
    layer: 'settlements',
    accepted: ['Point', 'MultiPoint'],
    expected: 'points',
    prepare: prepareSettlement,
    start: (columns, mapping) => resolveFields(columns, ['id', 'population', 'households'], mapping),
    used: mappedColumns,
    take(fields, row, ctx) {
      const g = row.prepared;
      if (!Array.isArray(g)) {
        ctx.issues.push(rowIssue(ctx, row.origin, g.code, g.message));
        return;
      }
      const population = countField(row, fields.population, 'population', ctx);
      const households = countField(row, fields.households, 'households', ctx);
      const w = population !== null && population > 0 ? population : households !== null && households > 0 ? households : 1;
      ids.push(takeId(row, fields.id, ctx));
      lon.push(g[0]);
      lat.push(g[1]);
      weight.push(w);
    },
    result: (fields, ctx) => ({
      columns: { ids, lon: Float64Array.from(lon), lat: Float64Array.from(lat), weight: Float64Array.from(weight) },
      issues: ctx.issues,
      fields,
    }),
  }, options);
}

/** Settlement points → columns (a whole table; see {@link settlementRows}). */
export function readSettlements(input: LayerInput, mapping: FieldMapping = {}): SettlementsResult {
  return readTable(toTable(input), settlementRows, mapping);
}
