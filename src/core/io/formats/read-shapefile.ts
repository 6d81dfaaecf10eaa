import type { InputIssue } from '../../model.ts';
import { chooseEncoding, type EncodingChoice } from '../encoding/detect-encoding.ts';
import { decodeBytes, type TextEncoding } from '../encoding/text-encodings.ts';
import type { FeatureTable, GeoFeature } from '../geojson-types.ts';
import { InputError } from '../input-error.ts';
import { type DbfTable, readDbf } from './read-dbf.ts';
import { readShp } from './read-shp.ts';
import { uniqueNames } from './unique-names.ts';
import type { ZipEntries } from './zip-archive.ts';

/**
 * Zipped ESRI shapefiles: the layers in an archive (a `.shp` with its `.dbf`, and its `.prj` and
 * `.cpg` when present), and one layer read into features with its declared CRS (the `.prj` text)
 * and the encoding of its text (from the `.cpg`, or detected from the DBF's bytes). The `.shp` and
 * `.dbf` must agree on the number of records: a shapefile is read whole or refused.
 */

export interface ShapefileLayer {
  /** The layer's name: the `.shp`'s path in the archive without the extension. */
  name: string;
  shp: Uint8Array;
  dbf: Uint8Array | null;
  prj: string | null;
  cpg: string | null;
}

/** The layers of an archive, in path order. Parts without a `.shp` are ignored. */
export function shapefileLayers(entries: ZipEntries): ShapefileLayer[] {
  // By path without extension, case-insensitively; the name as the archive spells it.
  const groups = new Map<string, { name: string; parts: Map<string, Uint8Array> }>();
  for (const [path, data] of entries) {
    const m = /^(.*)\.(shp|shx|dbf|prj|cpg)$/i.exec(path);
    if (m === null) continue;
    const key = m[1].toLowerCase();
    const group = groups.get(key) ?? { name: '', parts: new Map<string, Uint8Array>() };
    group.name = m[1].trim();
    group.parts.set(m[2].toLowerCase(), data);
    groups.set(key, group);
  }
  const layers: ShapefileLayer[] = [];
  for (const { name, parts } of groups.values()) {
    const shp = parts.get('shp');
    if (shp === undefined) continue;
    const text = (b: Uint8Array | undefined): string | null => (b === undefined ? null : new TextDecoder().decode(b).replace(/^\uFEFF/, '').trim());
    layers.push({
      name,
      shp,
      dbf: parts.get('dbf') ?? null,
      prj: text(parts.get('prj')),
      cpg: text(parts.get('cpg')),
    });
  }
  return layers.sort((a, b) => a.name.localeCompare(b.name));
}

export interface ShapefileRead {
  table: FeatureTable;
  /** The `.prj` text, or null when there is none. */
  declaredCrs: string | null;
  encoding: EncodingChoice;
  /** The DBF's text cells (raw bytes), to preview other decodings. */
  texts: Uint8Array[];
}

/** Reads one layer; `encoding` overrides the `.cpg` and detection. */
export function readShapefileLayer(layer: ShapefileLayer, options: { encoding?: TextEncoding } = {}): ShapefileRead {
  const file = layer.name.split('/').pop() ?? layer.name;
  if (layer.dbf === null) {
    throw new InputError(
      'not-shapefile',
      `${file}.shp has no ${file}.dbf beside it in the archive, so its attributes (names, ids) are missing. ` +
        'Zip the .shp, .shx, .dbf, .prj and .cpg of the layer together.',
      { name: `${file}.shp`, detail: 'no .dbf' },
    );
  }
  const shapes = readShp(layer.shp, `${file}.shp`);
  const dbf = readDbf(layer.dbf, `${file}.dbf`);
  const records = dbf.records.length + dbf.deleted.length;
  if (records !== shapes.length) {
    throw new InputError(
      'not-shapefile',
      `${file}.shp holds ${shapes.length} shapes but ${file}.dbf holds ${records} records: the two parts do not belong together ` +
        'or one is truncated. Export the layer again.',
      { name: `${file}.shp`, detail: `${shapes.length} shapes, ${records} records` },
    );
  }
  const texts: Uint8Array[] = [];
  for (const f of dbf.fields) texts.push(f.nameBytes);
  for (const r of dbf.records) for (const c of r) if (c instanceof Uint8Array) texts.push(c);
  // Language driver 0x57 is "ANSI 1252": a weak hint, as TCVN3 and VNI were typed into such files.
  const declared = layer.cpg ?? (dbf.languageDriver === 0x57 ? 'ANSI 1252' : null);
  const encoding = chooseEncoding(joinTexts(texts), { given: options.encoding, declared });
  const table = tableOf(shapes, dbf, encoding.encoding);
  return { table, declaredCrs: layer.prj, encoding, texts };
}

/** Features from shapes and DBF records, text decoded in `encoding`. */
function tableOf(shapes: readonly (GeoFeature['geometry'])[], dbf: DbfTable, encoding: TextEncoding): FeatureTable {
  const names = uniqueNames(dbf.fields.map((f) => decodeBytes(f.nameBytes, encoding).trim() || 'field'));
  const features: GeoFeature[] = dbf.records.map((cells, i) => {
    const properties: Record<string, unknown> = {};
    cells.forEach((c, k) => {
      properties[names[k]] = c instanceof Uint8Array ? decodeBytes(c, encoding).trim() : c;
    });
    return { type: 'Feature', properties, geometry: shapes[dbf.positions[i]] };
  });
  const issues: InputIssue[] = dbf.deleted.map((r) => ({
    index: r, where: 'feature', code: 'deleted-record', message: `feature ${r}: marked deleted in the .dbf; left out.`,
  }));
  return { features, where: 'feature', origins: [...dbf.positions], issues };
}

/** The text cells joined by newlines, for detection. */
function joinTexts(texts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(texts.reduce((s, t) => s + t.length + 1, 0));
  let pos = 0;
  for (const t of texts) {
    out.set(t, pos);
    pos += t.length;
    out[pos++] = 0x0a;
  }
  return out;
}
