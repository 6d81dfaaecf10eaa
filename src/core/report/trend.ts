import type { ResultSnapshot } from './read-result.ts';
import { reportKpis, type ReportKpis } from './report-kpis.ts';

/** One result on the KPI trend: when it was made, its quarter, and its figures. */
export interface TrendPoint {
  name: string;
  created: string | null;
  /** "2026-Q3" (the quarter in Vietnam's time, UTC+7); null when the date is unknown. */
  quarter: string | null;
  kpis: ReportKpis;
  current: boolean;
}

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The quarter of an ISO date in Vietnam's time ("2026-Q1"), or null when it is not a date. */
export function quarterOf(iso: string | null): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/**
 * The earlier results in time order (those without a date first, in the order given), then this
 * one: the points of the KPI trend chart, one per result (several in one quarter stay apart).
 */
export function buildTrend(previous: readonly ResultSnapshot[], current: ResultSnapshot): TrendPoint[] {
  const ordered = previous
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.created ?? '').localeCompare(b.s.created ?? '') || a.i - b.i)
    .map(({ s }) => s);
  return [...ordered.map((s) => point(s, false)), point(current, true)];
}

/** The earlier result the report compares with: the latest by date (the last given when none has one). */
export function latestPrevious(previous: readonly ResultSnapshot[]): ResultSnapshot | null {
  let best: ResultSnapshot | null = null;
  for (const s of previous) if (!best || (s.created ?? '') >= (best.created ?? '')) best = s;
  return best;
}

function point(s: ResultSnapshot, current: boolean): TrendPoint {
  return { name: s.name, created: s.created, quarter: quarterOf(s.created), kpis: reportKpis(s), current };
}
