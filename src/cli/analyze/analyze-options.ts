/** The options of `vunglom analyze`, and what they parse to (the command and its run both read them). */
import { INPUT_OPTIONS } from '../input-options.ts';
import { OUTPUT_FORMAT_OPTIONS } from '../output-format.ts';
import { flagOption, parsedOption, valueOption, wholeNumber, type OptionValues } from '../option-spec.ts';

export const ANALYZE_OPTIONS = {
  ...INPUT_OPTIONS,
  out: valueOption('--out', 'FILE', 'where to write the gap list, one feature per village: .geojson, .fgb (FlatGeobuf), .shp or .shp.zip (Shapefile)', { required: true, output: true }),
  ...OUTPUT_FORMAT_OPTIONS,
  csv: valueOption('--csv', 'FILE.csv', 'also write the gap list as CSV (UTF-8 with BOM)', { output: true }),
  gapsOnly: flagOption('--gaps-only', 'write only the villages with a gap'),
  threads: parsedOption('--threads', 'N', 'threads that compute, this one included (default: 1 below 10,000 villages, else the cores not busy with other work, up to 8)', wholeNumber(1)),
};

/** What `vunglom analyze` was asked to do. */
export type AnalyzeArgs = OptionValues<typeof ANALYZE_OPTIONS>;
