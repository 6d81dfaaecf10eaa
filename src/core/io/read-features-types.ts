import type { InputFormat } from './detect-format.ts';
import type { EncodingChoice } from './encoding/detect-encoding.ts';
import type { TextEncoding } from './encoding/text-encodings.ts';
import type { FieldMapping } from './field-mapping.ts';

/** What `readFeatures` takes and reports (its format readers, loaded on demand, share them). */

export interface ReadFeaturesOptions {
  mapping?: FieldMapping;
  /** The CRS of a file that declares none ("EPSG:9216"): applied when its coordinates are in that CRS's units. */
  crs?: string;
  /** The text encoding, overriding a `.cpg` and detection ("TCVN3", "windows-1258", …). */
  encoding?: string;
  /** The shapefile in an archive, or the sheet of a workbook, to read. */
  layer?: string;
  /** The geometries the caller wants, to choose among an archive's shapefiles. */
  prefer?: readonly ('point' | 'line' | 'polygon')[];
  maxBytes: number;
  signal?: AbortSignal;
}

/** How the coordinates were read. */
export interface CrsReport {
  /** "EPSG:9216", or null for a CRS given only by parameters. */
  code: string | null;
  name: string;
  /** `declared` by the file, `given` by the user, the `format`'s own (GeoJSON, KML), or `assumed` (degrees, nothing declared). */
  from: 'declared' | 'given' | 'format' | 'assumed';
  /** The file's declaration as written (a `.prj`'s WKT, a `crs` name), shortened. */
  declared: string | null;
  /** A table whose X column held the northings (Vietnamese surveying order) was read the other way round. */
  axesSwapped?: boolean;
}

/** How the text was decoded, with what the names look like in every encoding (for the app's choice). */
export interface EncodingReport extends EncodingChoice {
  previews: { encoding: TextEncoding; names: string[] }[];
}

export interface SourceReport {
  format: InputFormat;
  crs: CrsReport;
  encoding: EncodingReport | null;
  /** The shapefiles of an archive or the sheets of a workbook, and the one read. */
  layers: { names: string[]; chosen: string } | null;
}
