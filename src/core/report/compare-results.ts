import { foldDiacritics } from '../io/normalize-text.ts';
import type { ResultRow, ResultSnapshot } from './read-result.ts';
import { REPORT_KPI_KEYS, reportKpis, type ReportKpiKey } from './report-kpis.ts';
import type { SignalClass } from './signal-class.ts';

/**
 * What changed between an earlier result and this one: villages matched by id, then (for those
 * left) by name and commune; villages that gained or lost mobile broadband and FTTH, by reporting
 * class and by commune; the KPI deltas; and warnings when the two were made with different
 * assumptions or over different villages. Pure.
 *
 * "Gained" follows the summary's definition: covered now, and not covered or not known to be
 * covered before (false, missing, or a village the earlier file does not hold). "Lost": covered
 * before, not covered now (a village gone from this result is listed as removed, not lost).
 */

export interface VillageRef {
  id: string;
  name: string;
  commune: string | null;
  district: string | null;
}

/** A village that gained or lost coverage, with its class before and now. */
export interface ChangedVillage extends VillageRef {
  classBefore: SignalClass | null;
  classNow: SignalClass | null;
}

export interface GainedLost {
  gained: ChangedVillage[];
  lost: ChangedVillage[];
}

/** Changes in one commune (or district). */
export interface UnitChange {
  unit: string | null;
  district: string | null;
  mobileGained: number;
  mobileLost: number;
  ftthGained: number;
  ftthLost: number;
}

/** The counts of a class key: a reporting class, or unknown (no class, or a village the earlier file lacks). */
export type ClassKey = SignalClass | 'unknown';

export type CompareWarning =
  | { code: 'params-differ'; keys: { key: string; before: string; now: string }[] }
  | { code: 'no-metadata'; file: string }
  | { code: 'version-differs'; before: string; now: string }
  | { code: 'villages-added'; count: number; examples: VillageRef[] }
  | { code: 'villages-removed'; count: number; examples: VillageRef[] }
  | { code: 'matched-by-name'; count: number; examples: { id: string; previousId: string; name: string; commune: string | null }[] }
  | { code: 'renamed'; count: number; examples: { id: string; before: string; now: string }[] }
  | { code: 'gaps-only'; count: number }
  | { code: 'previous-is-newer'; previous: string; current: string };

export interface KpiDelta {
  key: ReportKpiKey;
  before: number | null;
  now: number | null;
  /** now − before; null when either is unknown. */
  delta: number | null;
}

export interface Comparison {
  previous: { name: string; created: string | null };
  current: { name: string; created: string | null };
  /** Villages present in both (by id or by name and commune). */
  matched: number;
  mobile: GainedLost;
  ftth: GainedLost;
  /** Mobile gains by the class before (what was closed), losses by the class now. */
  mobileByClass: { gained: Record<ClassKey, number>; lost: Record<ClassKey, number> };
  byCommune: UnitChange[];
  /** By district, when the villages name districts (empty otherwise). */
  byDistrict: UnitChange[];
  kpiDeltas: KpiDelta[];
  warnings: CompareWarning[];
}

/** How many villages a warning names, at most (the count says the rest). */
const EXAMPLES = 10;

function ref(r: ResultRow): VillageRef {
  return { id: r.id, name: r.name, commune: r.commune, district: r.district };
}

function nameKey(r: ResultRow): string {
  return `${foldDiacritics(r.name)}|${foldDiacritics(r.commune ?? '')}`;
}

/** Keys of villages whose (folded) name and commune occur once in `rows`. */
function uniqueNames(rows: readonly ResultRow[]): Map<string, ResultRow> {
  const seen = new Map<string, ResultRow | null>();
  for (const r of rows) {
    const k = nameKey(r);
    seen.set(k, seen.has(k) ? null : r);
  }
  const out = new Map<string, ResultRow>();
  for (const [k, r] of seen) if (r) out.set(k, r);
  return out;
}

/** A value as it reads in a warning ("0.9", "[\"4G\",\"5G\"]"), keys sorted so that order does not count. */
function stable(v: unknown): string {
  if (v === undefined) return '—';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function emptyClasses(): Record<ClassKey, number> {
  return { 'trang-song': 0, 'lom-song': 0, 'phu-song': 0, unknown: 0 };
}

/** Compare `previous` (earlier) with `current` (this quarter). */
export function compareResults(previous: ResultSnapshot, current: ResultSnapshot): Comparison {
  const warnings: CompareWarning[] = [];
  const before = new Map(previous.rows.map((r) => [r.id, r]));
  const pairs: { now: ResultRow; before: ResultRow | null }[] = [];
  const unmatchedNow: ResultRow[] = [];
  const usedBefore = new Set<string>();
  for (const r of current.rows) {
    const b = before.get(r.id);
    if (b) {
      pairs.push({ now: r, before: b });
      usedBefore.add(b.id);
    } else unmatchedNow.push(r);
  }
  // Then by name and commune, where both sides have exactly one such village.
  const leftBefore = previous.rows.filter((r) => !usedBefore.has(r.id));
  const byNameBefore = uniqueNames(leftBefore);
  const byNameNow = uniqueNames(unmatchedNow);
  const matchedByName: { id: string; previousId: string; name: string; commune: string | null }[] = [];
  const added: ResultRow[] = [];
  for (const r of unmatchedNow) {
    const k = nameKey(r);
    const b = byNameNow.get(k) === r ? byNameBefore.get(k) : undefined;
    if (b) {
      pairs.push({ now: r, before: b });
      usedBefore.add(b.id);
      matchedByName.push({ id: r.id, previousId: b.id, name: r.name, commune: r.commune });
    } else added.push(r);
  }
  const removed = previous.rows.filter((r) => !usedBefore.has(r.id));

  // A gaps-only export left out the villages without a gap: covered by both then, its metadata says.
  const inferred = previous.gapsOnly ? added.length : 0;
  const mobile: GainedLost = { gained: [], lost: [] };
  const ftth: GainedLost = { gained: [], lost: [] };
  const mobileByClass = { gained: emptyClasses(), lost: emptyClasses() };
  const units = new Map<string, UnitChange>();
  const districts = new Map<string, UnitChange>();
  const bump = (r: ResultRow, field: 'mobileGained' | 'mobileLost' | 'ftthGained' | 'ftthLost'): void => {
    for (const [map, key, unit] of [
      [units, `${r.district ?? ''}|${r.commune ?? ''}`, r.commune],
      [districts, r.district ?? '', r.district],
    ] as const) {
      let u = map.get(key);
      if (!u) map.set(key, (u = { unit, district: r.district, mobileGained: 0, mobileLost: 0, ftthGained: 0, ftthLost: 0 }));
      u[field]++;
    }
  };
  const visit = (now: ResultRow, b: ResultRow | null, assumedCovered: boolean): void => {
    const change = (): ChangedVillage => ({ ...ref(now), classBefore: b?.signal_class ?? (assumedCovered ? 'phu-song' : null), classNow: now.signal_class });
    const mobileBefore = b ? b.mobile_covered : assumedCovered ? true : null;
    const ftthBefore = b ? b.ftth_covered : assumedCovered ? true : null;
    if (now.mobile_covered === true && mobileBefore !== true) {
      mobile.gained.push(change());
      mobileByClass.gained[b?.signal_class ?? 'unknown']++;
      bump(now, 'mobileGained');
    } else if (now.mobile_covered === false && mobileBefore === true) {
      mobile.lost.push(change());
      mobileByClass.lost[now.signal_class ?? 'unknown']++;
      bump(now, 'mobileLost');
    }
    if (now.ftth_covered === true && ftthBefore !== true) {
      ftth.gained.push(change());
      bump(now, 'ftthGained');
    } else if (now.ftth_covered === false && ftthBefore === true) {
      ftth.lost.push(change());
      bump(now, 'ftthLost');
    }
  };
  for (const p of pairs) visit(p.now, p.before, false);
  for (const r of added) visit(r, null, previous.gapsOnly);

  if (!previous.params) warnings.push({ code: 'no-metadata', file: previous.name });
  if (!current.params) warnings.push({ code: 'no-metadata', file: current.name });
  if (previous.params && current.params) {
    const keys = [...new Set([...Object.keys(previous.params), ...Object.keys(current.params)])].sort();
    const differ = keys
      .map((key) => ({ key, before: stable(previous.params?.[key]), now: stable(current.params?.[key]) }))
      .filter((d) => d.before !== d.now);
    if (differ.length > 0) warnings.push({ code: 'params-differ', keys: differ });
  }
  if (previous.version && current.version && previous.version !== current.version) {
    warnings.push({ code: 'version-differs', before: previous.version, now: current.version });
  }
  if (previous.created && current.created && previous.created > current.created) {
    warnings.push({ code: 'previous-is-newer', previous: previous.created, current: current.created });
  }
  if (previous.gapsOnly) warnings.push({ code: 'gaps-only', count: inferred });
  else if (added.length > 0) warnings.push({ code: 'villages-added', count: added.length, examples: added.slice(0, EXAMPLES).map(ref) });
  if (removed.length > 0) warnings.push({ code: 'villages-removed', count: removed.length, examples: removed.slice(0, EXAMPLES).map(ref) });
  if (matchedByName.length > 0) warnings.push({ code: 'matched-by-name', count: matchedByName.length, examples: matchedByName.slice(0, EXAMPLES) });
  const renamed = pairs.filter((p) => p.before && p.before.id === p.now.id && p.before.name !== p.now.name);
  if (renamed.length > 0) {
    warnings.push({
      code: 'renamed',
      count: renamed.length,
      examples: renamed.slice(0, EXAMPLES).map((p) => ({ id: p.now.id, before: p.before?.name ?? '', now: p.now.name })),
    });
  }

  const kb = reportKpis(previous);
  const kn = reportKpis(current);
  const kpiDeltas = REPORT_KPI_KEYS.map((key) => ({
    key,
    before: kb[key],
    now: kn[key],
    delta: kb[key] === null || kn[key] === null ? null : (kn[key] as number) - (kb[key] as number),
  }));
  const collator = new Intl.Collator('vi');
  const sortUnits = (list: UnitChange[]): UnitChange[] =>
    list.sort((a, b) => collator.compare(a.district ?? '', b.district ?? '') || collator.compare(a.unit ?? '', b.unit ?? ''));
  const byCommune = sortUnits([...units.values()]);
  const byDistrict = [...districts.values()].some((u) => u.unit !== null) ? sortUnits([...districts.values()]) : [];
  return {
    previous: { name: previous.name, created: previous.created },
    current: { name: current.name, created: current.created },
    matched: pairs.length,
    mobile,
    ftth,
    mobileByClass,
    byCommune,
    byDistrict,
    kpiDeltas,
    warnings,
  };
}
