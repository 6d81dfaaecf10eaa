import type { CompareWarning } from './compare-results.ts';
import type { ReportKpis } from './report-kpis.ts';
import type { ReportModel } from './report-model.ts';
import type { Route } from './route.ts';

/**
 * `summary.json` of `vunglom report --json`: the KPIs, a table per unit (commune; district too
 * where the data has them) and the changes since the earlier result as lists of village ids:
 * gained = covered now and not covered (false or missing) before; lost = covered before and not
 * now. `changes` is null when no earlier result was given.
 */
export interface ReportSummary {
  tool: 'vunglom';
  version: string | null;
  region: string | null;
  created: string | null;
  quarter: string | null;
  kpis: ReportKpis;
  /** Plan targets (percentages), when a plan was given. */
  targets: Partial<ReportKpis> | null;
  units: { level: 'commune' | 'district'; rows: SummaryUnit[] }[];
  changes: { mobile: { gained: string[]; lost: string[] }; ftth: { gained: string[]; lost: string[] } } | null;
  previous: { file: string; created: string | null } | null;
  warnings: CompareWarning[];
  trend: { file: string; created: string | null; quarter: string | null; kpis: ReportKpis }[];
}

export interface SummaryUnit {
  name: string | null;
  district: string | null;
  villages: number;
  mobile: number | null;
  mobilePct: number | null;
  ftth: number | null;
  ftthPct: number | null;
  trangSong: number;
  lomSong: number;
  routes: Record<Route, number>;
}

/** The summary of a report model (the same figures as its HTML). */
export function reportSummary(model: ReportModel): ReportSummary {
  const kpis = Object.fromEntries(model.kpis.map((k) => [k.key, k.now])) as ReportKpis;
  const unitRows = (rows: ReportModel['communes']): SummaryUnit[] =>
    rows.map((u) => ({
      name: u.unit,
      district: u.district,
      villages: u.villages,
      mobile: u.mobile,
      mobilePct: u.mobilePct,
      ftth: u.ftth,
      ftthPct: u.ftthPct,
      trangSong: u.trangSong,
      lomSong: u.lomSong,
      routes: { ...u.routes },
    }));
  const c = model.comparison;
  const ids = (list: readonly { id: string }[]): string[] => list.map((v) => v.id);
  return {
    tool: 'vunglom',
    version: model.version,
    region: model.region,
    created: model.created,
    quarter: model.quarter,
    kpis,
    targets: model.plan ? { ...model.plan.targets } : null,
    units: [
      { level: 'commune', rows: unitRows(model.communes) },
      ...(model.districts.length > 0 ? [{ level: 'district' as const, rows: unitRows(model.districts) }] : []),
    ],
    changes: c ? { mobile: { gained: ids(c.mobile.gained), lost: ids(c.mobile.lost) }, ftth: { gained: ids(c.ftth.gained), lost: ids(c.ftth.lost) } } : null,
    previous: c ? { file: c.previous.name, created: c.previous.created } : null,
    warnings: c?.warnings ?? [],
    trend: model.trend.map((p) => ({ file: p.name, created: p.created, quarter: p.quarter, kpis: p.kpis })),
  };
}
