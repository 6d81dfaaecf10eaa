/**
 * The few GeoJSON shapes the readers handle, declared here so the core does not depend on a
 * transitive `@types/geojson`. Coordinates are lon/lat (RFC 7946).
 */

export type GeoPosition = number[];

export type GeoGeometry =
  | { type: 'Point'; coordinates: GeoPosition }
  | { type: 'MultiPoint'; coordinates: GeoPosition[] }
  | { type: 'LineString'; coordinates: GeoPosition[] }
  | { type: 'MultiLineString'; coordinates: GeoPosition[][] }
  | { type: 'Polygon'; coordinates: GeoPosition[][] }
  | { type: 'MultiPolygon'; coordinates: GeoPosition[][][] }
  | { type: 'GeometryCollection'; geometries: GeoGeometry[] };

export interface GeoFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown>;
  geometry: GeoGeometry | null;
}

/** The rows a typed reader takes: GeoJSON features, and where each came from in the file. */
export interface FeatureTable {
  features: GeoFeature[];
  /** `feature` (0-based index) for GeoJSON / FlatGeobuf, `line` (1-based line) for CSV. */
  where: 'feature' | 'line';
  /** Per feature, its index or line number; absent means the array index. */
  origins?: number[];
  /** Problems found while parsing that the typed reader passes on (bad CSV rows). */
  issues?: import('../model.ts').InputIssue[];
  /** What a `line` is called in messages: "line" (CSV, the default) or "row" (a spreadsheet). */
  rowWord?: 'line' | 'row';
  /** A table's columns from its header (the features hold only the rows that could be read). */
  columns?: string[];
  /** The CRS the file declares (a GeoJSON `crs` name, a FlatGeobuf header's EPSG code or WKT), when read with `anyCrs`. */
  declaredCrs?: string | null;
}
