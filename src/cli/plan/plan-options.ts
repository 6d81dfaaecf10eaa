/** The options of `vunglom plan`, and what they parse to (the command and its run both read them). */
import { UsageError } from '../cli-errors.ts';
import { INPUT_OPTIONS } from '../input-options.ts';
import { OUTPUT_FORMAT_OPTIONS } from '../output-format.ts';
import { oneOf, parsedOption, valueOption, wholeNumber, type OptionValues, type ValueParser } from '../option-spec.ts';

/** A share between 0 and 1. */
const share: ValueParser<number> = (text, flag) => {
  const x = Number(text);
  if (text.trim() === '' || !(x >= 0 && x <= 1)) throw new UsageError(`${flag} must be a share between 0 and 1 (1.0 = every village), got "${text}".`);
  return x;
};

export const PLAN_OPTIONS = {
  ...INPUT_OPTIONS,
  operator: valueOption('--operator', 'NAME', 'an operator name as in the BTS data, or "any"', { required: true }),
  target: parsedOption('--target', 'SHARE', 'the share to reach, e.g. 1.0 for every village', share, { required: true }),
  targetMeasure: parsedOption('--target-measure', 'villages|population', 'what the target counts (default villages)', oneOf(['villages', 'population'] as const)),
  maxSites: parsedOption('--max-sites', 'N', 'stop after this many additions', wholeNumber(0)),
  out: valueOption('--out', 'FILE', 'where to write the proposals, a BTS file analyze reads back: .geojson, .fgb, .shp or .shp.zip', { required: true, output: true }),
  ...OUTPUT_FORMAT_OPTIONS,
  gaps: valueOption('--gaps', 'FILE', "also write the operator's gap list, with the sites that would close each gap if shared (format from the extension)", { output: true }),
};

/** What `vunglom plan` was asked to do. */
export type PlanArgs = OptionValues<typeof PLAN_OPTIONS>;
