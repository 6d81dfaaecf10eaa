import type { CrsDefinition } from './crs/crs-registry.ts';
import { WGS84 } from './crs/crs-registry.ts';
import type { ZoneCandidate } from './crs/likely-zones.ts';
import { crsFromText } from './crs/resolve-crs.ts';
import { looksProjected, samplePositions } from './crs/sample-positions.ts';
import type { InputFormat } from './detect-format.ts';
import { chooseEncoding } from './encoding/detect-encoding.ts';
import { decodeBytes, parseEncodingLabel, TEXT_ENCODINGS, type TextEncoding } from './encoding/text-encodings.ts';
import type { FeatureTable, GeoFeature } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { dropBadLonLat, northingFirst, type PointTable, pointTable, swapAxes } from './point-table.ts';
import type { CrsReport, EncodingReport, ReadFeaturesOptions, SourceReport } from './read-features-types.ts';
import { csvRowTable, parseCsv } from './read-csv.ts';
import { readFgb } from './read-fgb.ts';
import { checkLonLatRange, parseGeoJson } from './read-geojson.ts';

/**
 * Any file we read → features in WGS84 longitude/latitude, and a report of how it was read: the
 * format, the CRS (declared, given, the format's own, or assumed for degrees), the text encoding
 * (CSV and DBF: given, BOM, `.cpg` or detected, with previews of the names in every encoding) and,
 * for an archive or a workbook, which layer or sheet. Coordinates in metres without a declared CRS
 * are refused with `needs-crs`, naming the likely VN-2000 zones, unless `crs` says which it is.
 * The readers of shapefiles, KML and workbooks, proj4 and the province outlines are loaded only when
 * a file needs them, so a GeoJSON or CSV user (and the app's first load) does not pay for them.
 */

export type { CrsReport, EncodingReport, ReadFeaturesOptions, SourceReport };

/** Reads `bytes` (already identified as `format`). */
export async function readFeatures(
  format: InputFormat,
  source: { name: string; bytes: Uint8Array },
  options: ReadFeaturesOptions,
): Promise<{ table: FeatureTable; report: SourceReport }> {
  const { name, bytes } = source;
  const given = givenEncoding(options.encoding);
  let table: FeatureTable;
  let encoding: EncodingReport | null = null;
  let layers: SourceReport['layers'] = null;
  let tabular = false;
  let crsByFormat = false;
  if (format === 'geojson') {
    table = parseGeoJson(bytes, { anyCrs: true });
    crsByFormat = true;
  } else if (format === 'fgb') {
    table = await readFgb(bytes, { signal: options.signal, anyCrs: true, name });
    crsByFormat = true;
  } else if (format === 'kml' || format === 'kmz') {
    const { readKml, readKmz } = await import('./formats/read-kml.ts');
    table = format === 'kml' ? readKml(bytes, name) : readKmz(bytes, name, options.maxBytes);
    table.declaredCrs = null;
    crsByFormat = true;
  } else if (format === 'xlsx') {
    const { readXlsx } = await import('./formats/read-xlsx.ts');
    const x = await readXlsx(bytes, name, { sheet: options.layer });
    table = pointTable(x.table, options.mapping);
    layers = { names: x.sheets, chosen: x.sheet };
    tabular = true;
  } else if (format === 'shapefile') {
    const { readShapefileArchive } = await import('./formats/read-shapefile-archive.ts');
    const read = readShapefileArchive(bytes, name, options, given);
    table = read.table;
    encoding = read.encoding;
    layers = read.layers;
  } else {
    const choice = chooseEncoding(bytes, { given });
    const text = decodeBytes(bytes, choice.encoding);
    // parseCsv refuses an empty file (`empty-file`).
    table = pointTable(csvRowTable(parseCsv(text)), options.mapping);
    encoding = { ...choice, previews: linePreviews(bytes) };
    tabular = true;
  }
  options.signal?.throwIfAborted();
  const { def, report } = await resolveCrs(table, { name, format, options, crsByFormat, tabular });
  if (report.axesSwapped) table = swapAxes(table as PointTable);
  if (!def.isWgs84) {
    const { reprojectFeatures } = await import('./crs/reproject.ts');
    table = { ...table, features: reprojectFeatures(table.features, def) };
  }
  table = tabular ? dropBadLonLat(table as PointTable) : table;
  if (!tabular) checkLonLatRange(table.features);
  return { table, report: { format, crs: report, encoding, layers } };
}

function givenEncoding(label: string | undefined): TextEncoding | undefined {
  if (label === undefined || label === '') return undefined;
  const e = parseEncodingLabel(label);
  if (e === null) {
    throw new InputError(
      'unsupported-format',
      `The text encoding "${label}" is not one Vùng Lõm reads. Choose UTF-8, UTF-16, Windows-1258, TCVN3, VNI, VISCII or Windows-1252.`,
      { format: label },
    );
  }
  return e;
}

/** The first lines with non-ASCII bytes, decoded in every encoding: what the user chooses from. */
export function linePreviews(bytes: Uint8Array): EncodingReport['previews'] {
  const lines: Uint8Array[] = [];
  let start = 0;
  const limit = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i <= limit && lines.length < 5; i++) {
    if (i === limit || bytes[i] === 0x0a) {
      const line = bytes.subarray(start, i);
      if (line.some((b) => b >= 0x80)) lines.push(line);
      start = i + 1;
    }
  }
  return TEXT_ENCODINGS.map((encoding) => ({
    encoding,
    names: lines.map((l) => decodeBytes(l, encoding).replace(/^\uFEFF/, '').trim().slice(0, 120)),
  }));
}

interface CrsContext {
  name: string;
  format: InputFormat;
  options: ReadFeaturesOptions;
  /** GeoJSON, FlatGeobuf and KML are WGS84 when they declare nothing. */
  crsByFormat: boolean;
  /** A table of points from columns (CSV, XLSX). */
  tabular: boolean;
}

async function resolveCrs(table: FeatureTable, ctx: CrsContext): Promise<{ def: CrsDefinition; report: CrsReport }> {
  const declared = table.declaredCrs ?? null;
  const where = ctx.name;
  if (declared !== null) {
    const def = crsFromText(declared, where);
    const positions = samplePositions(table.features.map((f: GeoFeature) => f.geometry));
    // A projected CRS over numbers that are all degrees is a wrong declaration, not data at Null Island.
    if (!def.geographic && positions.length > 0 && !looksProjected(positions) && positions.every((p) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
      const example = `[${positions[0].slice(0, 2).join(', ')}]`;
      throw new InputError(
        'crs-mismatch',
        `${where} declares ${declared.length > 80 ? def.name : declared} (${def.name}, in metres), but its coordinates, e.g. ${example}, ` +
          'are longitude/latitude degrees: the declaration is wrong. Remove it, or reproject the layer: ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson.',
        { crs: declared.length > 80 ? def.name : declared, example, name: where },
      );
    }
    return { def, report: { code: def.code, name: def.name, from: 'declared', declared: shorten(declared) } };
  }
  if (ctx.format === 'kml' || ctx.format === 'kmz') {
    return { def: WGS84, report: { code: WGS84.code, name: WGS84.name, from: 'format', declared: null } };
  }
  let positions = samplePositions(table.features.map((f: GeoFeature) => f.geometry));
  const projected = looksProjected(positions);
  const axesSwapped = ctx.tabular && projected && northingFirst(table as PointTable);
  if (axesSwapped) positions = positions.map((p) => [p[1], p[0]]);
  if (ctx.options.crs !== undefined && ctx.options.crs !== '') {
    const def = crsFromText(ctx.options.crs, `The CRS given (${ctx.options.crs})`);
    // A projected CRS is for numbers in metres; a geographic one (VN-2000 degrees) for tables and shapefiles in degrees.
    const applies = projected ? !def.geographic : def.geographic && !ctx.crsByFormat;
    if (applies) {
      return { def, report: { code: def.code, name: def.name, from: 'given', declared: null, ...(axesSwapped ? { axesSwapped } : {}) } };
    }
  }
  if (projected) throw await needsCrs(where, positions);
  return {
    def: WGS84,
    report: { code: WGS84.code, name: WGS84.name, from: ctx.crsByFormat ? 'format' : 'assumed', declared: null },
  };
}

async function needsCrs(where: string, positions: readonly number[][]): Promise<InputError> {
  const { rankZones } = await import('./crs/likely-zones.ts');
  const zones: ZoneCandidate[] = rankZones(positions);
  const likely = zones.filter((z) => z.fit === 2);
  const example = positions[0] ? `[${positions[0].map((v) => Math.round(v * 100) / 100).join(', ')}]` : '';
  const best = likely.length > 0
    ? `Likely ${likely.slice(0, 3).map((z) => `${z.code} (${z.name}, ${z.province})`).join(' or ')}. `
    : 'It falls in Vietnam in none of the VN-2000 zones; check the file. ';
  return new InputError(
    'needs-crs',
    `${where} has coordinates in metres (e.g. ${example}) but does not say in which coordinate system. ${best}` +
      'Choose the system it was made in (the app asks; on the command line add --crs EPSG:NNNN).',
    {
      name: where,
      example,
      zones: zones.map((z) => z.code),
      likely: likely.map((z) => z.code),
      provinces: likely.map((z) => z.province ?? ''),
    },
  );
}

function shorten(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
