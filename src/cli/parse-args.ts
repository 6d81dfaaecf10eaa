import { parsePlanArgs, type PlanArgs } from './plan-args.ts';
import { parseReportArgs, type ReportArgs } from './report-args.ts';

/** What `vunglom analyze` was asked to do. */
export interface AnalyzeArgs {
  command: 'analyze';
  villages: string;
  bts: string[];
  fibre: string[];
  settlements: string[];
  config: string | null;
  out: string;
  csv: string | null;
  gapsOnly: boolean;
  /** Worker threads; default: cores − 1, at least 1. */
  threads: number | null;
}

export const USAGE = `usage: vunglom analyze --villages F --bts F [--bts F …] [--fibre F …] [--settlements F …]
                        [--config F.json] --out gaps.geojson [--csv gaps.csv] [--gaps-only] [--threads N]
       vunglom plan --villages F --bts F [--bts F …] [--fibre F …] [--settlements F …] [--config F.json]
                    --operator NAME|any --target 1.0 [--target-measure villages|population] [--max-sites N]
                    --out proposals.geojson [--gaps gaps.geojson]
       vunglom report --gaps NOW.geojson [--previous EARLIER.geojson …] [--lang vi|en] [--plan plan.json]
                      --out report.html [--json summary.json]
Files: GeoJSON, FlatGeobuf (.fgb) or CSV (lon/lat tables, OpenCelliD exports).`;

/** A mistake in the command line itself: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const REPEATABLE = new Set(['--bts', '--fibre', '--settlements']);
const SINGLE = new Set(['--villages', '--config', '--out', '--csv', '--threads']);

/** Parse `argv` (without node and the script): the analyze, plan or report command. */
export function parseArgs(argv: readonly string[]): AnalyzeArgs | PlanArgs | ReportArgs {
  const [command, ...rest] = argv;
  if (command === 'plan') return parsePlanArgs(rest);
  if (command === 'report') return parseReportArgs(rest);
  if (command !== 'analyze') {
    throw new UsageError(command === undefined ? 'No command given.' : `Unknown command "${command}".`);
  }
  const single = new Map<string, string>();
  const many: Record<string, string[]> = { '--bts': [], '--fibre': [], '--settlements': [] };
  let gapsOnly = false;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === '--gaps-only') {
      gapsOnly = true;
      continue;
    }
    if (!REPEATABLE.has(flag) && !SINGLE.has(flag)) throw new UsageError(`Unknown option "${flag}".`);
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`Option ${flag} needs a value.`);
    i++;
    if (REPEATABLE.has(flag)) many[flag].push(value);
    else if (single.has(flag)) throw new UsageError(`Option ${flag} is given twice.`);
    else single.set(flag, value);
  }
  const villages = single.get('--villages');
  const out = single.get('--out');
  if (!villages) throw new UsageError('Missing --villages: the village polygons to analyse.');
  if (many['--bts'].length === 0) throw new UsageError('Missing --bts: at least one file of BTS sites.');
  if (!out) throw new UsageError('Missing --out: where to write the gap list (GeoJSON).');
  let threads: number | null = null;
  const t = single.get('--threads');
  if (t !== undefined) {
    threads = Number(t);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads must be a whole number ≥ 1, got "${t}".`);
  }
  return {
    command: 'analyze',
    villages,
    bts: many['--bts'],
    fibre: many['--fibre'],
    settlements: many['--settlements'],
    config: single.get('--config') ?? null,
    out,
    csv: single.get('--csv') ?? null,
    gapsOnly,
    threads,
  };
}
