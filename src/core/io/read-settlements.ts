import type { InputIssue, Position, SettlementRecord } from '../model.ts';
import { type FieldMapping, mappedColumns, type ResolvedFields, resolveFields } from './field-mapping.ts';
import type { GeoFeature } from './geojson-types.ts';
import { countField, isLonLat, type LayerInput, pointOf, rowIssue, takeId, toTable } from './layer-input.ts';
import { readTable, type RowReader, type RowReaderOptions, rowReader } from './row-reader.ts';

export interface SettlementsResult {
  records: SettlementRecord[];
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
 * Settlement points → records with a weight, one row at a time (see row-reader.ts): population
 * when given and positive, else households, else 1. A layer without points is `wrong-geometry`;
 * other rows are reported and skipped.
 */
export function settlementRows(options: RowReaderOptions): RowReader<SettlementsResult> {
  const records: SettlementRecord[] = [];
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
      const weight = population !== null && population > 0 ? population : households !== null && households > 0 ? households : 1;
      records.push({ id: takeId(row, fields.id, ctx), lon: g[0], lat: g[1], weight });
    },
    result: (fields, ctx) => ({ records, issues: ctx.issues, fields }),
  }, options);
}

/** Settlement points → records (a whole table; see {@link settlementRows}). */
export function readSettlements(input: LayerInput, mapping: FieldMapping = {}): SettlementsResult {
  return readTable(toTable(input), settlementRows, mapping);
}
