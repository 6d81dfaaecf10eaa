import type { ReportLang } from './i18n-report.ts';
import { readResultFile } from './read-result.ts';
import { buildReportModel, type ReportModel, type ReportPlan } from './report-model.ts';
import type { ReportKpiKey } from './report-kpis.ts';
import { renderReportHtml } from './render-report-html.ts';
import { reportSummary, type ReportSummary } from './report-summary.ts';
import { syntheticRoles } from './synthetic-inputs.ts';

/**
 * The report from files, as `vunglom report` makes it: this quarter's gap list, earlier ones, a
 * language, the plan's targets and the fingerprints of the synthetic sample. Pure: the CLI reads
 * the files and writes what this returns.
 */

/** A file as the CLI read it. */
export interface ReportFile {
  name: string;
  bytes: Uint8Array;
  /** The file's modification time (ISO), the date of a result without metadata. */
  modified: string | null;
}

export interface ReportOptions {
  lang: ReportLang;
  plan?: ReportPlan | null;
  /** SHA-256 of the sample's synthetic files: inputs with these bytes are named synthetic. */
  syntheticSha256?: ReadonlySet<string>;
}

export interface ReportOutputs {
  model: ReportModel;
  html: string;
  summary: ReportSummary;
}

/** Read the files (each whole, or refused with a `ResultFileError`) and make the report. */
export function reportFromFiles(current: ReportFile, previous: readonly ReportFile[], options: ReportOptions): ReportOutputs {
  const now = readResultFile(current.bytes, current.name, { fallbackCreated: current.modified });
  const earlier = previous.map((f) => readResultFile(f.bytes, f.name, { fallbackCreated: f.modified }));
  const model = buildReportModel({
    current: now,
    previous: earlier,
    plan: options.plan ?? null,
    syntheticLayers: syntheticRoles(now.inputs ?? [], options.syntheticSha256 ?? new Set()),
  });
  return { model, html: renderReportHtml(model, options.lang), summary: reportSummary(model) };
}

/** The plan board's target names and the report's KPI keys. */
const TARGETS: Readonly<Record<string, ReportKpiKey>> = {
  'mobile-villages-pct': 'mobileVillagesPct',
  'ftth-villages-pct': 'ftthVillagesPct',
  'shared-sites-pct': 'sharedSitesPct',
  'households-fibre-pct': 'householdsFibrePct',
};

/**
 * A plan from untrusted JSON: `{"name": "Kon Tum 2025", "targets": {"mobile-villages-pct": 100, …}}`
 * with the plan board's target names, each a percentage from 0 to 100 or null. Throws a sentence
 * naming the bad key or value and what is accepted.
 */
export function parsePlan(input: unknown, file: string): ReportPlan {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(`${file}: a plan is an object such as {"name": "Kon Tum 2025", "targets": {"mobile-villages-pct": 100}}.`);
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== 'name' && key !== 'targets') throw new Error(`${file}: unknown key "${key}" in the plan; use "name" and "targets".`);
  }
  if (typeof o.name !== 'string' || o.name.trim() === '') throw new Error(`${file}: the plan needs a "name" (text).`);
  if (typeof o.targets !== 'object' || o.targets === null || Array.isArray(o.targets)) {
    throw new Error(`${file}: "targets" must map ${Object.keys(TARGETS).join(', ')} to percentages.`);
  }
  const targets: ReportPlan['targets'] = {};
  for (const [name, value] of Object.entries(o.targets)) {
    const key = TARGETS[name];
    if (!key) throw new Error(`${file}: unknown target "${name}"; use ${Object.keys(TARGETS).join(', ')}.`);
    if (value !== null && !(typeof value === 'number' && value >= 0 && value <= 100)) {
      throw new Error(`${file}: target "${name}" must be a percentage from 0 to 100 or null, got ${JSON.stringify(value)}.`);
    }
    targets[key] = value as number | null;
  }
  return { name: o.name.trim(), targets };
}
