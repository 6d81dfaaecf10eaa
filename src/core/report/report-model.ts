import type { Gap } from '../classify.ts';
import type { InputFingerprint } from '../output/run-metadata.ts';
import { compareResults, type Comparison } from './compare-results.ts';
import type { ResultSnapshot } from './read-result.ts';
import { PERCENT_KPIS, REPORT_KPI_KEYS, reportKpis, type ReportKpiKey } from './report-kpis.ts';
import { DEFAULT_ROUTE_RULES, type Route, type RouteRules } from './route.ts';
import { buildTrend, latestPrevious, quarterOf, type TrendPoint } from './trend.ts';
import { hasDistricts, unitTable, type UnitRow } from './unit-table.ts';

/**
 * The quarterly report as data: everything the HTML shows, in no language yet. The app and the
 * CLI build it from the same snapshots (the app reads back its own export), so both print the
 * same figures. Pure.
 */

/** The map figure: a capture of the live map with what the report draws around it. */
export interface MapFigure {
  /** PNG or JPEG data URL. */
  image: string;
  /** Size of the image in pixels. */
  width: number;
  height: number;
  /** The gap classes drawn, with their colours (the report writes the labels). */
  legend: { gap: Gap; colour: string }[];
  /** A scale bar: `px` pixels of the image are `metres` on the ground (at the image's centre). */
  scale: { metres: number; px: number };
  /** The map's attribution, as plain text. */
  attribution: string;
}

/** A plan's targets (percentages; null or absent: the plan sets none). */
export interface ReportPlan {
  name: string;
  targets: Partial<Record<ReportKpiKey, number | null>>;
}

export interface ReportInput {
  /** This quarter's result. */
  current: ResultSnapshot;
  /** Earlier results: the latest is compared with, all of them make the trend. */
  previous?: readonly ResultSnapshot[];
  /** The province's name; default the most common `province` of the villages. */
  region?: string | null;
  plan?: ReportPlan | null;
  /** The result with the proposed sites added (before → after), and how many sites. */
  proposals?: { sites: number; after: ResultSnapshot } | null;
  map?: MapFigure | null;
  /** Roles of the inputs that are the synthetic sample ("villages", "bts", …). */
  syntheticLayers?: readonly string[];
  routeRules?: RouteRules;
}

/** One line of the KPI table. */
export interface KpiLine {
  key: ReportKpiKey;
  percent: boolean;
  now: number | null;
  target: number | null;
  /** Whether the target is met; null without a target or a value. */
  met: boolean | null;
  /** The earlier result's value and the change since (null without an earlier result). */
  before: number | null;
  delta: number | null;
  /** With proposals: the value after them. */
  after: number | null;
}

/** One village of the trắng sóng / lõm sóng lists. */
export interface ListRow {
  id: string;
  name: string;
  commune: string | null;
  district: string | null;
  route: Route | null;
  operators: string[];
  sites: string[];
}

export interface ReportModel {
  region: string | null;
  created: string | null;
  quarter: string | null;
  version: string | null;
  inputs: InputFingerprint[] | null;
  params: Record<string, unknown> | null;
  previousFiles: { name: string; created: string | null }[];
  plan: ReportPlan | null;
  kpis: KpiLine[];
  proposals: { sites: number } | null;
  comparison: Comparison | null;
  trend: TrendPoint[];
  map: MapFigure | null;
  /** Whether the villages name districts (a district column and table then). */
  districtsKnown: boolean;
  communes: UnitRow[];
  districts: UnitRow[];
  trangSong: ListRow[];
  lomSong: ListRow[];
  /** Trắng sóng villages that the rule counts covered (they have no route). */
  coveredTrangSong: number;
  syntheticLayers: string[];
  routeRules: RouteRules;
}

/** Targets are percentages; a count KPI has none. */
const TARGETABLE: ReadonlySet<ReportKpiKey> = new Set(['mobileVillagesPct', 'ftthVillagesPct', 'householdsFibrePct', 'sharedSitesPct']);

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** Build the report of `input.current`. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { current } = input;
  const previous = input.previous ?? [];
  const earlier = latestPrevious(previous);
  const comparison = earlier ? compareResults(earlier, current) : null;
  const now = reportKpis(current);
  const after = input.proposals ? reportKpis(input.proposals.after) : null;
  const deltas = new Map(comparison?.kpiDeltas.map((d) => [d.key, d]) ?? []);
  const plan = input.plan ?? null;
  const kpis: KpiLine[] = REPORT_KPI_KEYS.map((key) => {
    const target = TARGETABLE.has(key) ? (plan?.targets[key] ?? null) : null;
    const value = now[key];
    return {
      key,
      percent: PERCENT_KPIS.has(key),
      now: value,
      target,
      met: target === null || value === null ? null : value >= target - 1e-9,
      before: deltas.get(key)?.before ?? null,
      delta: deltas.get(key)?.delta ?? null,
      after: after ? after[key] : null,
    };
  });
  const collator = new Intl.Collator('vi');
  const listOf = (cls: 'trang-song' | 'lom-song'): ListRow[] =>
    current.rows
      .filter((r) => r.signal_class === cls)
      .map((r) => ({ id: r.id, name: r.name, commune: r.commune, district: r.district, route: r.route, operators: r.route_operators, sites: r.route_sites }))
      .sort(
        (a, b) =>
          collator.compare(a.district ?? '', b.district ?? '') || collator.compare(a.commune ?? '', b.commune ?? '') || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1),
      );
  const districtsKnown = hasDistricts(current.rows);
  return {
    region: input.region ?? mostCommon(current.rows.map((r) => r.province)),
    created: current.created,
    quarter: quarterOf(current.created),
    version: current.version,
    inputs: current.inputs,
    params: current.params,
    previousFiles: previous.map((p) => ({ name: p.name, created: p.created })),
    plan,
    kpis,
    proposals: input.proposals ? { sites: input.proposals.sites } : null,
    comparison,
    trend: previous.length > 0 ? buildTrend(previous, current) : [],
    map: input.map ?? null,
    districtsKnown,
    communes: unitTable(current.rows, 'commune'),
    districts: districtsKnown ? unitTable(current.rows, 'district') : [],
    trangSong: listOf('trang-song'),
    lomSong: listOf('lom-song'),
    coveredTrangSong: current.rows.filter((r) => r.signal_class === 'trang-song' && r.mobile_covered === true).length,
    syntheticLayers: [...(input.syntheticLayers ?? [])],
    routeRules: input.routeRules ?? DEFAULT_ROUTE_RULES,
  };
}
