/** The formats of the gap list file, and their file names and media types (light: no writer in it). */

/** The formats the gap list is written in. */
export type GapFormat = 'geojson' | 'csv' | 'fgb' | 'shp';

/** File extension and media type of each format. */
export const GAP_FORMAT_FILES: Readonly<Record<GapFormat, { extension: string; type: string }>> = {
  geojson: { extension: 'geojson', type: 'application/geo+json' },
  csv: { extension: 'csv', type: 'text/csv;charset=utf-8' },
  fgb: { extension: 'fgb', type: 'application/octet-stream' },
  shp: { extension: 'zip', type: 'application/zip' },
};

/** The shapefile's coordinates: WGS 84, the VN-2000 zone of the province the villages lie in, or a CRS by name. */
export type ExportCrs = 'wgs84' | 'province-zone' | string;
