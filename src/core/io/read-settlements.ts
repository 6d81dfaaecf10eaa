import type { InputIssue, SettlementRecord } from '../model.ts';
import { type FieldMapping, listColumns, type ResolvedFields, resolveFields } from './field-mapping.ts';
import {
  countField, isLonLat, type LayerInput, makeIssue, pointOf, requireGeometry, takeId, toTable, UniqueIds,
} from './layer-input.ts';

export interface SettlementsResult {
  records: SettlementRecord[];
  issues: InputIssue[];
  fields: ResolvedFields;
}

/**
 * Settlement points → records with a weight: population when given and positive, else households,
 * else 1. A layer without points is `wrong-geometry`; other rows are reported and skipped.
 */
export function readSettlements(input: LayerInput, mapping: FieldMapping = {}): SettlementsResult {
  const table = toTable(input);
  requireGeometry(table, 'settlements', ['Point', 'MultiPoint'], 'points');
  const fields = resolveFields(listColumns(table.features.map((f) => f.properties)), ['id', 'population', 'households'], mapping);
  const issues: InputIssue[] = table.issues ? [...table.issues] : [];
  const ids = new UniqueIds();
  const records: SettlementRecord[] = [];
  for (let i = 0; i < table.features.length; i++) {
    const f = table.features[i];
    const p = pointOf(f);
    if (p === null || !isLonLat(p[0], p[1])) {
      issues.push(makeIssue(table, i, p === null ? 'wrong-geometry' : 'out-of-range',
        p === null ? `a settlement must be a point, this is ${f.geometry ? f.geometry.type : 'empty'}. Skipped.`
          : `(${p[0]}, ${p[1]}) is not a longitude/latitude. Skipped.`));
      continue;
    }
    const population = countField(table, i, fields.population, 'population', issues);
    const households = countField(table, i, fields.households, 'households', issues);
    const weight = population !== null && population > 0 ? population : households !== null && households > 0 ? households : 1;
    records.push({ id: takeId(table, i, fields.id, ids, issues), lon: p[0], lat: p[1], weight });
  }
  return { records, issues, fields };
}
