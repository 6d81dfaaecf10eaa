import { InputError } from './input-error.ts';
import { detectOpenCellId, parseCsv } from './read-csv.ts';
import { READ_FORMATS } from './read-formats.ts';

/**
 * Which reader a file needs, from its name and first bytes, and a size guard checked before
 * anything is read. We read GeoJSON, FlatGeobuf, CSV/TSV (generic lon/lat tables and OpenCelliD),
 * zipped shapefiles, KML/KMZ and Excel workbooks (.xlsx); anything else gets `unsupported-format`
 * saying so. A zip archive is a shapefile unless its first entry or its name says workbook or KMZ.
 */

export type InputFormat = 'geojson' | 'fgb' | 'csv' | 'csv-opencellid' | 'shapefile' | 'kml' | 'kmz' | 'xlsx';

/** Files larger than this are refused before reading (500 MB); configurable per call. */
export const DEFAULT_MAX_INPUT_BYTES = 500 * 1024 * 1024;

/** How many leading bytes {@link detectFormat} looks at. */
export const SNIFF_BYTES = 4096;

const FOREIGN: Readonly<Record<string, string>> = {
  xls: 'an old Excel workbook (.xls)', ods: 'a spreadsheet', gpkg: 'a GeoPackage', gpx: 'GPX', gml: 'GML',
  tab: 'a MapInfo table', mif: 'a MapInfo file', pbf: 'OpenStreetMap PBF', osm: 'OpenStreetMap XML',
  parquet: 'GeoParquet', mbtiles: 'MBTiles',
};

/** Zip-based files that are not data (documents, packages); any other zip is looked inside. */
const NOT_DATA_ZIPS = new Set(['docx', 'docm', 'pptx', 'pptm', 'odt', 'odp', 'odg', 'epub', 'jar', 'apk']);

/** The parts of a shapefile given one by one: they must come zipped together. */
const SHAPEFILE_PARTS = new Set(['shp', 'shx', 'dbf', 'prj', 'cpg']);

function convertHint(what: string): string {
  return `This file looks like ${what}, which Vùng Lõm does not read. We read ${READ_FORMATS}. ` +
    'Convert it in QGIS ("Export → Save Features As…") or with ogr2ogr -f GeoJSON out.geojson in.gpkg ' +
    '(spreadsheets: save as .xlsx or CSV with longitude and latitude columns).';
}

function shapefilePartHint(name: string): InputError {
  return new InputError(
    'unsupported-format',
    `${name || 'This file'} is one part of a shapefile. A shapefile is several files (.shp, .shx, .dbf, .prj, .cpg): ` +
      'zip them together and choose the .zip.',
    { name, format: 'a part of a shapefile' },
  );
}

/**
 * Throws `too-large` when `size` exceeds the limit, with advice: a FlatGeobuf with spatial index
 * read by bounding box only fetches the part needed.
 */
export function checkInputSize(
  size: number,
  options: { name?: string; maxBytes?: number; format?: InputFormat } = {},
): void {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (size <= maxBytes) return;
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  const name = options.name ?? 'This file';
  throw new InputError(
    'too-large',
    `${name} is ${mb(size)}, over the ${mb(maxBytes)} limit for reading a whole file in the browser. ` +
      'Convert it to FlatGeobuf with a spatial index (ogr2ogr -f FlatGeobuf out.fgb in.geojson), serve it over ' +
      'HTTP and load it by URL with a bounding box, or cut it to your province first.',
    { name, size, maxBytes },
  );
}

function extensionOf(name: string): string {
  const clean = name.split(/[?#]/)[0];
  const dot = clean.lastIndexOf('.');
  return dot === -1 ? '' : clean.slice(dot + 1).toLowerCase();
}

/**
 * The format of an input. `head` is its first bytes (at least a few hundred; {@link SNIFF_BYTES}
 * is plenty), `size` its length when known. Bytes win over the name when they disagree (a .json
 * that is really FlatGeobuf is FlatGeobuf). Throws `too-large` (checked first), `empty-file`, or
 * `unsupported-format`.
 */
export function detectFormat(
  input: { name?: string; head?: Uint8Array; size?: number },
  options: { maxBytes?: number } = {},
): InputFormat {
  const name = input.name ?? '';
  if (input.size !== undefined) checkInputSize(input.size, { name: name || undefined, maxBytes: options.maxBytes });
  const ext = extensionOf(name);
  const head = input.head;
  if (input.size === 0 || (head !== undefined && head.length === 0)) {
    throw new InputError('empty-file', `${name || 'The file'} is empty. Choose a file that contains data.`, { name });
  }
  if (head !== undefined) {
    const fromBytes = sniffBytes(head);
    if (fromBytes !== null) {
      if (fromBytes === 'shp-part') throw shapefilePartHint(name);
      if (typeof fromBytes === 'string' && fromBytes.startsWith('foreign:')) {
        const what = fromBytes.slice('foreign:'.length);
        throw new InputError('unsupported-format', convertHint(FOREIGN[ext] ?? what), { name, format: FOREIGN[ext] ?? what });
      }
      if (fromBytes === 'zip') {
        // Office documents and applications are zips too.
        if (NOT_DATA_ZIPS.has(ext)) {
          const what = `a zip archive (.${ext})`;
          throw new InputError('unsupported-format', convertHint(what), { name, format: what });
        }
        return zipFormat(head, ext);
      }
      if (fromBytes === 'text') return textFormat(head, ext, name);
      return fromBytes as InputFormat;
    }
  }
  if (SHAPEFILE_PARTS.has(ext)) throw shapefilePartHint(name);
  if (ext in FOREIGN) throw new InputError('unsupported-format', convertHint(FOREIGN[ext]), { name, format: FOREIGN[ext] });
  if (ext === 'fgb') return 'fgb';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'zip' || ext === 'shz') return 'shapefile';
  if (ext === 'kml') return 'kml';
  if (ext === 'kmz') return 'kmz';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  throw new InputError(
    'unsupported-format',
    `Cannot tell the format of ${name || 'this input'}. We read ${READ_FORMATS}; give the file one of those extensions.`,
    { name, format: ext },
  );
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return bytes.length >= sig.length && sig.every((v, i) => bytes[i] === v);
}

/** 'fgb', 'zip', a shapefile part, a foreign binary ('foreign:…'), 'text', or null when the bytes say nothing. */
function sniffBytes(head: Uint8Array): InputFormat | 'text' | 'zip' | 'shp-part' | `foreign:${string}` | null {
  if (startsWith(head, [0x66, 0x67, 0x62, 0x03])) return 'fgb';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0x00, 0x00, 0x27, 0x0a])) return 'shp-part';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return 'foreign:an old Excel workbook (.xls): save it as .xlsx';
  // GeoPackage is SQLite: reading it in the browser needs SQLite compiled to WebAssembly (sql.js, ~1 MB), not shipped.
  if (startsWith(head, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65])) return 'foreign:a GeoPackage / SQLite database';
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'foreign:GeoParquet';
  const utf16 = startsWith(head, [0xff, 0xfe]) ? 'utf-16le' : startsWith(head, [0xfe, 0xff]) ? 'utf-16be' : null;
  const sample = head.subarray(0, Math.min(head.length, 512));
  if (utf16 === null && sample.some((b) => b === 0)) return 'foreign:a binary file';
  const text = new TextDecoder(utf16 ?? 'utf-8').decode(head).replace(/^\uFEFF/, '').trimStart();
  if (text === '') return null;
  if (text.startsWith('{') || text.startsWith('[')) return 'geojson';
  if (/^<\?xml|^<kml|^<gpx|^<osm|^<gml/i.test(text)) {
    return /<kml/i.test(text) ? 'kml' : /<gpx/i.test(text) ? 'foreign:GPX' : 'foreign:XML (KML, GML or GPX?)';
  }
  if (/^<(!doctype\s+)?html/i.test(text)) return 'foreign:a web page (HTML), not data: check the URL';
  return 'text';
}

/** A zip archive's format from its first entry's name (at byte 30), else from the file name. */
function zipFormat(head: Uint8Array, ext: string): InputFormat {
  if (ext === 'kmz') return 'kmz';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (head.length >= 30) {
    const length = head[26] | (head[27] << 8);
    const first = new TextDecoder().decode(head.subarray(30, Math.min(head.length, 30 + length)));
    if (first === '[Content_Types].xml' || first.startsWith('xl/') || first.startsWith('docProps/') || first.startsWith('_rels/')) return 'xlsx';
    if (/\.kml$/i.test(first)) return 'kmz';
  }
  return 'shapefile';
}

function textFormat(head: Uint8Array, ext: string, name: string): InputFormat {
  if (ext === 'geojson' || ext === 'fgb') {
    throw new InputError('unsupported-format',
      `${name} is named .${ext} but holds plain text that is not ${ext === 'fgb' ? 'FlatGeobuf' : 'JSON'}. ` +
      `We read ${READ_FORMATS}.`, { name, format: ext });
  }
  const text = new TextDecoder('utf-8').decode(head);
  // Only whole lines: the last one may be cut by the sniff window.
  const lastBreak = text.lastIndexOf('\n');
  const firstLines = lastBreak > 0 ? text.slice(0, lastBreak) : text;
  try {
    const { rows } = parseCsv(firstLines, { delimiter: ',' });
    if (rows.length > 0 && detectOpenCellId(rows[0]) !== null) return 'csv-opencellid';
  } catch {
    // A quote cut by the sniff window: decide by the reader later.
  }
  return 'csv';
}
