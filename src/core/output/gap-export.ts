import type { CrsDefinition } from '../io/crs/crs-registry.ts';
import { provinceZone } from '../io/crs/likely-zones.ts';
import type { ExportCrs, GapFormat } from './gap-formats.ts';
import { writeGapCsv } from './write-gap-csv.ts';
import { writeGapGeoJson } from './write-gap-geojson.ts';
import { type ShapefileOutput, writeShapefile } from '../io/formats/write-shapefile.ts';
import type { GeoFeature } from '../io/geojson-types.ts';
import { writeFlatGeobuf } from '../io/write-fgb.ts';
import type { MultiPolygonCoords, Position } from '../model.ts';
import { GAP_COLUMNS, type GapRow } from './gap-row.ts';
import type { RunMetadata } from './run-metadata.ts';

/**
 * The gap list as FlatGeobuf and as a zipped shapefile, for QGIS and GDAL (3.6 and later): every
 * village (or the gaps only), the columns of GAP_COLUMNS in order, the village polygon (a village
 * without one is kept: an empty MultiPolygon in FlatGeobuf, a null shape in the shapefile), and the
 * run's metadata (in the FlatGeobuf header; as a JSON file in the archive). The shapefile's
 * 10-character field names follow from the column names (see shapefile-field-names.ts) and are
 * listed in the archive's `<layer>_fields.csv`, so a column added to GAP_COLUMNS follows by itself.
 */

/** What the columns mean, for the shapefile's sidecar (a column missing here is listed without). */
export const GAP_COLUMN_MEANINGS: Readonly<Partial<Record<keyof GapRow, string>>> = {
  id: 'village id',
  name: 'village name',
  commune: 'commune (xã/phường)',
  district: 'district (huyện)',
  province: 'province (tỉnh)',
  population: 'population',
  households: 'households',
  status: 'ok, or invalid (polygon could not be repaired)',
  gap: 'none | mobile | ftth | both',
  mobile_covered: 'covered by mobile broadband under the chosen rule',
  mobile_area_fraction: 'share of the area inside a broadband footprint',
  mobile_pop_fraction: 'share of the population inside a broadband footprint',
  mobile_centre_covered: 'the centre is inside a broadband footprint',
  mobile_operators: 'operators that cover it, joined by ;',
  mobile_by_operator: 'covered fraction per operator, JSON',
  nearest_bts_m: 'metres to the nearest BTS',
  ftth_covered: 'has FTTH under the chosen rule (empty: no fibre layer)',
  ftth_fraction: 'share within drop-cable reach of fibre',
  nearest_fibre_m: 'metres to the nearest fibre route or access point',
  reasons: 'reason codes, joined by ;',
  sharing_sites: 'existing sites that would close the gap if shared, joined by ;',
  signal_class: 'trang-song (no broadband at the centre) | lom-song (centre covered, village not) | phu-song',
  route: 'who closes a mobile gap: share | build | vtf (empty: covered, or unknown)',
  route_operators: 'operators concerned by the route, joined by ;',
  route_sites: 'existing sites that close the gap once shared (route share), joined by ;',
  mobile_source: 'where the mobile measures come from: predicted: disk, or predicted: terrain (DEM)',
  mobile_shadow_fraction: 'share of the area within reach but hidden by terrain (empty: no DEM)',
};

/** The gap list's rows as features (WGS 84), in input order. */
export function gapFeatures(rows: readonly GapRow[], geometries: readonly MultiPolygonCoords[], options: { gapsOnly: boolean }): GeoFeature[] {
  const out: GeoFeature[] = [];
  rows.forEach((row, i) => {
    if (options.gapsOnly && row.gap === 'none') return;
    const properties: Record<string, unknown> = {};
    for (const c of GAP_COLUMNS) properties[c] = row[c];
    out.push({
      type: 'Feature',
      id: row.id,
      properties,
      geometry: geometries[i].length > 0 ? { type: 'MultiPolygon', coordinates: geometries[i] } : null,
    });
  });
  return out;
}

/** The gap list as FlatGeobuf with a spatial index, GDAL ≥ 3.6 readable; the run metadata in the header. */
export function writeGapFlatGeobuf(rows: readonly GapRow[], geometries: readonly MultiPolygonCoords[], meta: RunMetadata): Uint8Array<ArrayBuffer> {
  const features = gapFeatures(rows, geometries, { gapsOnly: meta.gapsOnly });
  return writeFlatGeobuf(features, {
    name: 'gaps',
    title: 'Vùng Lõm gap list',
    description: 'Danh sách thôn chưa có băng rộng di động / cáp quang (vùng lõm sóng)',
    metadata: JSON.stringify(meta),
    allowNullGeometry: true,
    allowEmpty: true,
  });
}

/**
 * The gap list as a zipped shapefile (UTF-8 `.cpg`, `.prj`, fields sidecar, `gaps_vunglom.json`),
 * in WGS 84 or in `crs` (the province's VN-2000 zone).
 */
export function writeGapShapefile(
  rows: readonly GapRow[],
  geometries: readonly MultiPolygonCoords[],
  meta: RunMetadata,
  options: { crs?: CrsDefinition; date?: Date } = {},
): ShapefileOutput {
  const features = gapFeatures(rows, geometries, { gapsOnly: meta.gapsOnly });
  return writeShapefile(features, {
    layer: 'gaps',
    columns: GAP_COLUMNS.map((column) => ({ column, description: GAP_COLUMN_MEANINGS[column] })),
    crs: options.crs,
    date: options.date,
    extraFiles: new Map([['gaps_vunglom.json', new TextEncoder().encode(`${JSON.stringify(meta, null, 1)}\n`)]]),
  });
}

/** The gap list in `format`: text for GeoJSON and CSV, bytes for FlatGeobuf and the zipped shapefile. */
export function writeGapOutput(
  format: GapFormat,
  rows: readonly GapRow[],
  geometries: readonly MultiPolygonCoords[],
  meta: RunMetadata,
  options: { crs?: CrsDefinition } = {},
): string | Uint8Array<ArrayBuffer> {
  switch (format) {
    case 'geojson':
      return writeGapGeoJson(rows, geometries as MultiPolygonCoords[], meta);
    case 'csv':
      return writeGapCsv(rows, { gapsOnly: meta.gapsOnly });
    case 'fgb':
      return writeGapFlatGeobuf(rows, geometries, meta);
    case 'shp':
      return writeGapShapefile(rows, geometries, meta, { crs: options.crs }).zip;
  }
}

/**
 * The EPSG name of an export's CRS: WGS 84, a CRS by name, or for the province's zone the VN-2000
 * TM-3 zone of the province most of `positions` (WGS 84) lie in — WGS 84 when they lie in none.
 */
export function exportCrsCode(crs: ExportCrs, positions: readonly Position[]): string {
  if (crs === 'wgs84') return 'EPSG:4326';
  if (crs !== 'province-zone') return crs;
  return provinceZone(positions)?.code ?? 'EPSG:4326';
}
