import type { ResultSnapshot } from './read-result.ts';

/**
 * The figures a quarterly report puts in its KPI table, comparison and trend: the plan board's
 * KPIs plus the counts of "trắng sóng" and "lõm sóng" villages. Null is unknown (shown "—").
 */
export const REPORT_KPI_KEYS = [
  'villages',
  'mobileVillagesPct',
  'ftthVillagesPct',
  'householdsFibrePct',
  'sharedSitesPct',
  'trangSong',
  'lomSong',
  'gapMobile',
  'gapFtth',
  'gapBoth',
] as const;
export type ReportKpiKey = (typeof REPORT_KPI_KEYS)[number];
export type ReportKpis = Record<ReportKpiKey, number | null>;

/** Percentages among the report KPIs (the others are counts). */
export const PERCENT_KPIS: ReadonlySet<ReportKpiKey> = new Set(['mobileVillagesPct', 'ftthVillagesPct', 'householdsFibrePct', 'sharedSitesPct']);

/**
 * The report's figures of one result. The class counts come from the rows: a gaps-only export
 * lists every village that is not fully covered, so they are complete there too; they are null
 * when no row knows its mobile coverage.
 */
export function reportKpis(snapshot: ResultSnapshot): ReportKpis {
  const k = snapshot.kpis;
  let trang = 0;
  let lom = 0;
  let known = 0;
  for (const r of snapshot.rows) {
    if (r.signal_class === null) continue;
    known++;
    if (r.signal_class === 'trang-song') trang++;
    else if (r.signal_class === 'lom-song') lom++;
  }
  const classes = known > 0 || (snapshot.rows.length === 0 && k.villages !== null);
  return {
    villages: k.villages,
    mobileVillagesPct: k.mobileVillagesPct,
    ftthVillagesPct: k.ftthVillagesPct,
    householdsFibrePct: k.householdsFibrePct,
    sharedSitesPct: k.sharedSitesPct,
    trangSong: classes ? trang : null,
    lomSong: classes ? lom : null,
    gapMobile: k.gapMobile,
    gapFtth: k.gapFtth,
    gapBoth: k.gapBoth,
  };
}
