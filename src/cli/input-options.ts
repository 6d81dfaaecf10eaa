/**
 * The options of every command that reads layers (analyze, plan, …): declared once, so a new input
 * option (a CRS, an encoding, a DEM) is added here and read in load-inputs.ts. A layer of an archive
 * or a sheet of a workbook is named after the file: `thon.zip#thon_2019`, `sites.xlsx#Viettel`.
 */
import { crsFromText } from '../core/io/crs/resolve-crs.ts';
import { parseEncodingLabel, TEXT_ENCODINGS, type TextEncoding } from '../core/io/encoding/text-encodings.ts';
import { isInputError } from '../core/io/input-error.ts';
import { UsageError } from './cli-errors.ts';
import { listOption, parsedOption, valueOption, type OptionValues, type ValueParser } from './option-spec.ts';

/** A coordinate system we reproject from, as "EPSG:NNNN" (or any name crsFromText reads). */
const crs: ValueParser<string> = (text, flag) => {
  try {
    crsFromText(text, flag);
    return text;
  } catch (error) {
    if (isInputError(error)) throw new UsageError(`${flag}: ${error.message}`);
    throw error;
  }
};

/** A text encoding we decode. */
const encoding: ValueParser<TextEncoding> = (text, flag) => {
  const e = parseEncodingLabel(text);
  if (e === null) throw new UsageError(`${flag} must be one of ${TEXT_ENCODINGS.join(', ')} (or TCVN5712-1, CP1258, ABC…), got "${text}".`);
  return e;
};

export const INPUT_OPTIONS = {
  villages: valueOption('--villages', 'FILE', 'the village polygons (any polygon layer: thôn, communes, grid cells)', { required: true }),
  bts: listOption('--bts', 'FILE', 'BTS sites or cells, OpenCelliD exports included', { required: true }),
  fibre: listOption('--fibre', 'FILE', 'fibre routes and/or access points; without them FTTH is unknown'),
  settlements: listOption('--settlements', 'FILE', "settlement points weighted by population or households; without them a village's people are spread over its area"),
  config: valueOption('--config', 'FILE.json', 'assumptions that differ from the defaults, e.g. {"ftthReachM": 800}'),
  crs: parsedOption('--crs', 'EPSG:NNNN', 'the coordinate system of files that declare none (metres: e.g. EPSG:9216, VN-2000 / TM-3 107-30; degrees: EPSG:4756)', crs),
  encoding: parsedOption('--encoding', 'NAME', 'the text encoding of CSV and shapefiles, over their .cpg and detection: utf-8, windows-1258, tcvn3, vni, viscii…', encoding),
  dem: listOption('--dem', 'FILE', 'an elevation model: SRTM .hgt tiles (1″ or 3″, zipped or not) or GeoTIFFs in WGS84, as many as cover the province; footprints are then limited by terrain (line of sight by default)'),
  terrainCache: valueOption('--terrain-cache', 'FILE', "keep the masts' terrain profiles in this file: read when it exists, written after the run, so the next run with the same DEM and terrain assumptions computes only new masts", { output: true }),
};

/** The files a command reads, as given on the command line. */
export type InputFiles = OptionValues<typeof INPUT_OPTIONS>;
