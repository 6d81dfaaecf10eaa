/** `vunglom plan`: its options and help (light: the work is in run-plan.ts, loaded when it runs). */
import { UsageError } from '../cli-errors.ts';
import { defineCommand } from '../command.ts';
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

export const planCommand = defineCommand({
  name: 'plan',
  summary: 'propose shared and new sites for an operator to reach a target',
  about:
    'Proposes the fewest additions that reach the target for an operator, sharing existing sites of\n' +
    'other operators before building new ones. The output is a BTS file: give it to analyze as a\n' +
    'second --bts.',
  options: PLAN_OPTIONS,
  examples: [
    'plan --villages villages.fgb --bts bts.fgb --settlements settlements.fgb --operator Viettel --target 1.0 --out viettel-plan.geojson',
    'plan --villages villages.fgb --bts bts.fgb --operator any --target 0.95 --target-measure population --max-sites 20 --out plan.geojson',
  ],
  load: async () => (await import('./run-plan.ts')).runPlan,
});
