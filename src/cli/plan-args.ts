import { UsageError } from './usage-error.ts';

/** What `vunglom plan` was asked to do. */
export interface PlanArgs {
  command: 'plan';
  villages: string;
  bts: string[];
  fibre: string[];
  settlements: string[];
  config: string | null;
  /** An operator name as in the BTS data, or "any". */
  operator: string;
  /** Share (0–1) of villages, or of the population, to cover. */
  target: number;
  targetMeasure: 'villages' | 'population';
  maxSites: number | null;
  out: string;
  /** Optional: the gap list with `sharing_sites` for this operator. */
  gaps: string | null;
}

const REPEATABLE = new Set(['--bts', '--fibre', '--settlements']);
const SINGLE = new Set(['--villages', '--config', '--operator', '--target', '--target-measure', '--max-sites', '--out', '--gaps']);

/** Parse the options of `vunglom plan` (argv after the command). */
export function parsePlanArgs(rest: readonly string[]): PlanArgs {
  const single = new Map<string, string>();
  const many: Record<string, string[]> = { '--bts': [], '--fibre': [], '--settlements': [] };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (!REPEATABLE.has(flag) && !SINGLE.has(flag)) throw new UsageError(`Unknown option "${flag}" for plan.`);
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`Option ${flag} needs a value.`);
    i++;
    if (REPEATABLE.has(flag)) many[flag].push(value);
    else if (single.has(flag)) throw new UsageError(`Option ${flag} is given twice.`);
    else single.set(flag, value);
  }
  const villages = single.get('--villages');
  const out = single.get('--out');
  const operator = single.get('--operator');
  const targetText = single.get('--target');
  if (!villages) throw new UsageError('Missing --villages: the village polygons to plan for.');
  if (many['--bts'].length === 0) throw new UsageError('Missing --bts: at least one file of BTS sites.');
  if (!operator) throw new UsageError('Missing --operator: an operator name from the BTS data, or "any".');
  if (targetText === undefined) throw new UsageError('Missing --target: the share to reach, e.g. 1.0 for every village.');
  if (!out) throw new UsageError('Missing --out: where to write the proposals (GeoJSON).');
  const target = Number(targetText);
  if (targetText.trim() === '' || !(target >= 0 && target <= 1)) {
    throw new UsageError(`--target must be a share between 0 and 1 (1.0 = every village), got "${targetText}".`);
  }
  const measure = single.get('--target-measure') ?? 'villages';
  if (measure !== 'villages' && measure !== 'population') {
    throw new UsageError(`--target-measure must be "villages" or "population", got "${measure}".`);
  }
  let maxSites: number | null = null;
  const m = single.get('--max-sites');
  if (m !== undefined) {
    maxSites = Number(m);
    if (!Number.isInteger(maxSites) || maxSites < 0) throw new UsageError(`--max-sites must be a whole number ≥ 0, got "${m}".`);
  }
  return {
    command: 'plan',
    villages,
    bts: many['--bts'],
    fibre: many['--fibre'],
    settlements: many['--settlements'],
    config: single.get('--config') ?? null,
    operator,
    target,
    targetMeasure: measure,
    maxSites,
    out,
    gaps: single.get('--gaps') ?? null,
  };
}
