import { decodeBytes, TEXT_ENCODINGS, type TextEncoding } from '../encoding/text-encodings.ts';
import type { FeatureTable } from '../geojson-types.ts';
import { InputError } from '../input-error.ts';
import type { EncodingReport, ReadFeaturesOptions, SourceReport } from '../read-features-types.ts';
import { readShapefileLayer, shapefileLayers, type ShapefileLayer } from './read-shapefile.ts';
import { readZip } from './zip-archive.ts';

/**
 * A zipped shapefile as `readFeatures` reads it: the archive's layers, the one chosen (named, the
 * only one, or the only one of the geometry wanted; else `choose-layer`), its features with the
 * `.prj` as declared CRS, and its encoding with a preview of the names in every encoding. Loaded
 * only when a shapefile is read.
 */

/** Reads the archive's chosen layer; see the module comment. */
export function readShapefileArchive(
  bytes: Uint8Array,
  name: string,
  options: ReadFeaturesOptions,
  given: TextEncoding | undefined,
): { table: FeatureTable; encoding: EncodingReport; layers: SourceReport['layers'] } {
  const entries = readZip(bytes, { name, maxBytes: options.maxBytes, wanted: (p) => /\.(shp|shx|dbf|prj|cpg)$/i.test(p) });
  const all = shapefileLayers(entries);
  if (all.length === 0) {
    throw new InputError(
      'not-shapefile',
      `${name} holds no shapefile (.shp). Zip the .shp, .shx, .dbf, .prj and .cpg of the layer together, or choose the file itself.`,
      { name, detail: 'no .shp in the archive' },
    );
  }
  const layer = chooseLayer(all, name, options);
  const read = readShapefileLayer(layer, { encoding: given });
  const table = { ...read.table, declaredCrs: read.declaredCrs };
  const samples = distinctTexts(read.texts.filter((t) => t.some((b) => b >= 0x80)), 6);
  const previews = TEXT_ENCODINGS.map((e) => ({ encoding: e, names: samples.map((t) => decodeBytes(t, e).trim()) }));
  return { table, encoding: { ...read.encoding, previews }, layers: { names: all.map((l) => l.name), chosen: layer.name } };
}

/**
 * The layer named in `options.layer`; else the only one; else the only one with the geometry the
 * caller wants; else `choose-layer` listing them (the app asks, the CLI names them).
 */
function chooseLayer(all: ShapefileLayer[], name: string, options: ReadFeaturesOptions): ShapefileLayer {
  const names = all.map((l) => l.name);
  if (options.layer !== undefined) {
    const found = all.find((l) => l.name === options.layer || l.name.split('/').pop() === options.layer);
    if (found === undefined) {
      throw new InputError('choose-layer', `${name} has no layer "${options.layer}"; its layers are ${names.join(', ')}.`, {
        name, layers: names, detail: `no layer "${options.layer}"`,
      });
    }
    return found;
  }
  if (all.length === 1) return all[0];
  const wanted = options.prefer ?? [];
  const matching = all.filter((l) => wanted.some((w) => w === shapeKind(l.shp)));
  if (matching.length === 1) return matching[0];
  throw new InputError(
    'choose-layer',
    `${name} holds ${all.length} shapefiles (${names.join(', ')}). Choose one (on the command line: ${name}#${names[0]}).`,
    { name, layers: names },
  );
}

/** The kind of shapes a `.shp` holds, from its header's shape type. */
function shapeKind(shp: Uint8Array): 'point' | 'line' | 'polygon' | 'other' {
  if (shp.length < 36) return 'other';
  const type = new DataView(shp.buffer, shp.byteOffset, shp.byteLength).getInt32(32, true) % 10;
  return type === 1 || type === 8 ? 'point' : type === 3 ? 'line' : type === 5 ? 'polygon' : 'other';
}

/** The first `max` texts with different bytes. */
function distinctTexts(texts: readonly Uint8Array[], max: number): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (const t of texts) {
    const key = t.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
    if (out.length === max) break;
  }
  return out;
}

