import type { ReportLang } from '../core/report/i18n-report.ts';
import { UsageError } from './parse-args.ts';

/** What `vunglom report` was asked to do. */
export interface ReportArgs {
  command: 'report';
  /** This quarter's gap list (our GeoJSON or CSV). */
  gaps: string;
  /** Earlier gap lists: the latest is compared with, all make the trend. */
  previous: string[];
  lang: ReportLang;
  /** A plan's targets (JSON: {"name", "targets": {"mobile-villages-pct": 100, …}}). */
  plan: string | null;
  out: string;
  /** summary.json: KPIs, the per-unit table and the changes as village ids. */
  json: string | null;
}

const SINGLE = new Set(['--gaps', '--lang', '--plan', '--out', '--json']);

/** Parse the options of `vunglom report` (argv after the command). */
export function parseReportArgs(rest: readonly string[]): ReportArgs {
  const single = new Map<string, string>();
  const previous: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag !== '--previous' && !SINGLE.has(flag)) throw new UsageError(`Unknown option "${flag}" for report.`);
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`Option ${flag} needs a value.`);
    i++;
    if (flag === '--previous') previous.push(value);
    else if (single.has(flag)) throw new UsageError(`Option ${flag} is given twice.`);
    else single.set(flag, value);
  }
  const gaps = single.get('--gaps');
  const out = single.get('--out');
  if (!gaps) throw new UsageError("Missing --gaps: this quarter's gap list (the GeoJSON or CSV that analyze or the app wrote).");
  if (!out) throw new UsageError('Missing --out: where to write the report (HTML).');
  const lang = single.get('--lang') ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new UsageError(`--lang must be "vi" or "en", got "${lang}".`);
  return { command: 'report', gaps, previous, lang, plan: single.get('--plan') ?? null, out, json: single.get('--json') ?? null };
}
