/** `vunglom analyze`: its options and help (light: the work is in run-analyze.ts, loaded when it runs). */
import { defineCommand } from '../command.ts';
import { INPUT_OPTIONS } from '../input-options.ts';
import { OUTPUT_FORMAT_OPTIONS } from '../output-format.ts';
import { flagOption, parsedOption, valueOption, wholeNumber, type OptionValues } from '../option-spec.ts';

export const ANALYZE_OPTIONS = {
  ...INPUT_OPTIONS,
  out: valueOption('--out', 'FILE', 'where to write the gap list, one feature per village: .geojson, .fgb (FlatGeobuf), .shp or .shp.zip (Shapefile)', { required: true, output: true }),
  ...OUTPUT_FORMAT_OPTIONS,
  csv: valueOption('--csv', 'FILE.csv', 'also write the gap list as CSV (UTF-8 with BOM)', { output: true }),
  gapsOnly: flagOption('--gaps-only', 'write only the villages with a gap'),
  threads: parsedOption('--threads', 'N', 'threads that compute, this one included (default: the cores not busy with other work, 1 to 8)', wholeNumber(1)),
};

/** What `vunglom analyze` was asked to do. */
export type AnalyzeArgs = OptionValues<typeof ANALYZE_OPTIONS>;

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: "the gap list: every village's mobile broadband and FTTH coverage",
  about:
    'Measures every village by area, population and centre, per operator and technology, and FTTH reach;\n' +
    'writes the gap list (GeoJSON, FlatGeobuf or Shapefile, and CSV with --csv) with the parameters, input\n' +
    'hashes and KPIs. Reads GeoJSON, FlatGeobuf, CSV/TSV, zipped shapefiles (VN-2000, TCVN3), KML/KMZ and\n' +
    'Excel; a layer of an archive or a sheet is named after the file: thon.zip#thon, sites.xlsx#Viettel.',
  options: ANALYZE_OPTIONS,
  examples: [
    'analyze --villages villages.fgb --bts bts.fgb --fibre fibre.geojson --settlements settlements.fgb --out gaps.geojson --csv gaps.csv',
    'analyze --villages villages.fgb --bts bts.fgb --bts opencellid.csv --config params.json --out gaps.geojson --gaps-only',
    'analyze --villages thon-vn2000.zip --bts tram.xlsx --fibre cap-quang.kmz --crs EPSG:9216 --out gaps.shp --out-crs province',
  ],
  load: async () => (await import('./run-analyze.ts')).runAnalyze,
});
