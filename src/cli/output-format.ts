/**
 * The format of a command's output file: `--format geojson|fgb|shp`, else the extension of the path
 * (.geojson/.json, .fgb, .shp, .zip/.shp.zip), and a Shapefile's coordinate system (`--out-crs`).
 * A `.shp` path gets the shapefile's files beside it (.shp .shx .dbf .prj .cpg and the field names);
 * any other Shapefile path gets one zip archive.
 */
import { basename, dirname, join } from 'node:path';
import { crsFromText } from '../core/io/crs/resolve-crs.ts';
import type { ShapefileOutput } from '../core/io/formats/write-shapefile.ts';
import { isInputError } from '../core/io/input-error.ts';
import type { ExportCrs } from '../core/output/gap-file.ts';
import { UsageError } from './cli-errors.ts';
import { oneOf, parsedOption, type ValueParser } from './option-spec.ts';
import { writeOutput } from './write-output.ts';

export type OutputFormat = 'geojson' | 'fgb' | 'shp';

/** `wgs84`, `province`, or a CRS we can write a `.prj` for (a VN-2000 TM-3 zone). */
const outCrs: ValueParser<ExportCrs> = (text, flag) => {
  if (text === 'wgs84') return 'wgs84';
  if (text === 'province') return 'province-zone';
  try {
    const def = crsFromText(text, flag);
    if (def.isWgs84) return 'wgs84';
    if (def.code !== null && /^EPSG:(5896|5897|5898|5899|92(0[5-9]|1[0-8]))$/.test(def.code)) return def.code;
  } catch (error) {
    if (!isInputError(error)) throw error;
  }
  throw new UsageError(`${flag} must be wgs84, province (the VN-2000 zone of the villages' province) or a VN-2000 TM-3 zone such as EPSG:9216, got "${text}".`);
};

/** The options of a command that writes a layer file. */
export const OUTPUT_FORMAT_OPTIONS = {
  format: parsedOption('--format', 'geojson|fgb|shp', "the format of --out (default: from its extension; a .shp path gets the shapefile's files beside it, .zip one archive)", oneOf(['geojson', 'fgb', 'shp'] as const)),
  outCrs: parsedOption('--out-crs', 'wgs84|province|EPSG:NNNN', "a Shapefile's coordinates (default wgs84; province: the VN-2000 TM-3 zone of the villages' province)", outCrs),
};

/**
 * The format of `path`: the one given, else its extension; a UsageError when neither says. `csv`: the
 * command's option that writes a CSV beside the layer, named when the path asks for a table.
 */
export function outputFormat(flag: string, path: string, given: OutputFormat | null, csv?: string): OutputFormat {
  if (given !== null) return given;
  const name = path.toLowerCase();
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  if (name.endsWith('.fgb')) return 'fgb';
  if (name.endsWith('.shp') || name.endsWith('.zip')) return 'shp';
  // A planner who wants the table for a spreadsheet names it .csv: say where a table is written.
  const table = csv !== undefined && /\.(csv|tsv|xlsx?)$/.test(name) ? ` A table for a spreadsheet comes beside the layer: ${flag} gaps.geojson ${csv} ${basename(path).replace(/\.[^.]+$/, '')}.csv.` : '';
  throw new UsageError(`${flag} ${path}: cannot tell the format from the extension; name it .geojson, .fgb, .shp or .shp.zip, or give --format geojson|fgb|shp.${table}`);
}

/** Writes a Shapefile at `path`: its files beside a `.shp` path, else the zip archive. */
export function writeShapefileOutput(flag: string, path: string, shapefile: ShapefileOutput): string[] {
  if (!path.toLowerCase().endsWith('.shp')) {
    writeOutput(flag, path, shapefile.zip);
    return [path];
  }
  const stem = basename(path).slice(0, -'.shp'.length);
  const layer = [...shapefile.files.keys()].find((f) => f.endsWith('.shp'))?.slice(0, -'.shp'.length) ?? stem;
  const written: string[] = [];
  for (const [name, data] of shapefile.files) {
    const target = join(dirname(path), stem + name.slice(layer.length));
    writeOutput(flag, target, data);
    written.push(target);
  }
  return written;
}
