import type { InputIssue } from '../model.ts';
import { type FieldMapping, listColumns } from './field-mapping.ts';
import type { FeatureTable, GeoFeature } from './geojson-types.ts';
import { InputError, isInputError } from './input-error.ts';
import { type Row, type RowContext, originOf, wrongGeometry } from './layer-input.ts';
import { UniqueIds } from './unique-ids.ts';

/**
 * The typed readers (villages, BTS, fibre, settlements) take their rows one at a time, so a file
 * is read into records as it is parsed, without holding every feature first: each row's geometry
 * is worked on as it arrives (the feature is not kept), and what depends on the field mapping is
 * done at once when the format declares its columns first (CSV header, FlatGeobuf header), else
 * (GeoJSON, whose columns are the union over every feature) from the rows' properties kept until
 * the end.
 */

export interface RowReaderOptions {
  /** How issues name a row: `feature` (0-based index) or `line` (1-based CSV line, or spreadsheet row). */
  where: 'feature' | 'line';
  /** What a `line` is called in messages: "line" (CSV, the default) or "row" (a spreadsheet). */
  rowWord?: 'line' | 'row';
  /** The user's field mapping (our field → their column). */
  mapping?: FieldMapping;
  /** The columns, when the format declares them before its rows; else learnt from the rows. */
  columns?: readonly string[];
  /** About how many rows will come (a FlatGeobuf header's feature count), to size the id table once. */
  expectedRows?: number;
}

/** A typed reader fed one row at a time; `finish` gives the result or refuses the layer. */
export interface RowReader<R> {
  add(feature: GeoFeature, origin: number): void;
  /** A row the format's own parser could not take (e.g. a CSV line without coordinates). */
  skip(issue: InputIssue): void;
  /**
   * The columns whose values the reader reads, once it knows its columns (null: it may read any,
   * e.g. before it knows them); a format may leave the others out of the rows it adds.
   */
  usedColumns(): readonly string[] | null;
  finish(): R;
}

/** What makes one typed reader: its geometry rule, its per-row steps and its result. */
export interface RowSpec<P, S, R> {
  /** The layer's name in messages ("villages", "BTS", …). */
  layer: string;
  /** Geometry types the layer takes; a layer with none of them is `wrong-geometry`. */
  accepted: readonly string[];
  /** What the layer must be, in words ("points"). */
  expected: string;
  /** The field-independent work on a row as it arrives (its geometry); the feature is not kept. */
  prepare(feature: GeoFeature): P;
  /** Resolves the fields once the columns are known; may throw `missing-columns`. */
  start(columns: readonly string[], mapping: FieldMapping): S;
  /** The columns `take` reads, from what `start` resolved. */
  used(state: S): readonly string[];
  /** The field-dependent work on one row, in file order. */
  take(state: S, row: Row<P>, ctx: RowContext): void;
  result(state: S, ctx: RowContext): R;
}

/** A {@link RowReader} from a spec; see the module comment. */
export function rowReader<P, S, R>(spec: RowSpec<P, S, R>, options: RowReaderOptions): RowReader<R> {
  const mapping = options.mapping ?? {};
  const ctx: RowContext = { where: options.where, rowWord: options.rowWord, issues: [], ids: new UniqueIds({ expected: options.expectedRows }) };
  const counts = new Map<string, number>();
  let rows = 0;
  let state: S | null = null;
  let startError: InputError | null = null;
  const held: Row<P>[] | null = options.columns ? null : [];
  const seen = new Set<string>();
  let runType: string | null = null;
  let run = 0;
  let current: Row<P> | null = null;
  if (options.columns) {
    try {
      state = spec.start(options.columns, mapping);
    } catch (error) {
      // Said at the end, after the geometry check: a file of the wrong shape is told so first.
      if (!(isInputError(error) && error.code === 'missing-columns')) throw error;
      startError = error;
    }
  }
  return {
    add(feature, origin) {
      rows++;
      const type = feature.geometry ? feature.geometry.type : 'none';
      // Counted by runs of one type (a layer is mostly one), not a map look-up per row.
      if (type !== runType) {
        if (runType !== null) counts.set(runType, (counts.get(runType) ?? 0) + run);
        runType = type;
        run = 0;
      }
      run++;
      if (held) {
        const row: Row<P> = { properties: feature.properties, id: feature.id, prepared: spec.prepare(feature), origin };
        held.push(row);
        for (const key in row.properties) seen.add(key);
      } else {
        const prepared = spec.prepare(feature);
        if (state !== null) {
          // One row object, refilled: `take` works on it at once and keeps what it made, not the row.
          if (current === null) {
            current = { properties: feature.properties, id: feature.id, prepared, origin };
          } else {
            current.properties = feature.properties;
            current.id = feature.id;
            current.prepared = prepared;
            current.origin = origin;
          }
          spec.take(state, current, ctx);
        }
      }
    },
    skip(issue) {
      ctx.issues.push(issue);
    },
    usedColumns() {
      return state === null ? (startError ? [] : null) : spec.used(state);
    },
    finish() {
      if (runType !== null) counts.set(runType, (counts.get(runType) ?? 0) + run);
      runType = null;
      if (rows > 0 && !spec.accepted.some((t) => (counts.get(t) ?? 0) > 0)) {
        throw wrongGeometry(spec.layer, [...counts.keys()].filter((t) => t !== 'none'), spec.accepted, spec.expected);
      }
      if (startError) throw startError;
      if (held) {
        state = spec.start([...seen], mapping);
        for (const row of held) spec.take(state, row, ctx);
        held.length = 0;
      }
      if (state === null) throw new Error(`The ${spec.layer} reader finished without its columns: give them, or add rows.`);
      return spec.result(state, ctx);
    },
  };
}

/** Feeds a whole table to a row reader (its parser's issues first, as the table holds them). */
export function readTable<R>(table: FeatureTable, make: (options: RowReaderOptions) => RowReader<R>, mapping?: FieldMapping): R {
  // A table's header names its columns even when no row could be read (so the reasons are the rows', not missing columns).
  const columns = table.columns ?? listColumns(table.features.map((f) => f.properties));
  const reader = make({ where: table.where, rowWord: table.rowWord, mapping, columns });
  for (const issue of table.issues ?? []) reader.skip(issue);
  for (let i = 0; i < table.features.length; i++) reader.add(table.features[i], originOf(table, i));
  return reader.finish();
}
