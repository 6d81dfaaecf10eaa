import type { ResultRow } from './read-result.ts';
import type { Route } from './route.ts';

/** One administrative unit (commune or district) of the report's tables. */
export interface UnitRow {
  unit: string | null;
  /** The district of a commune row (null when the data has none, as since July 2025). */
  district: string | null;
  villages: number;
  /** Villages with mobile broadband / FTTH; null when no village of the unit knows it. */
  mobile: number | null;
  ftth: number | null;
  mobilePct: number | null;
  ftthPct: number | null;
  trangSong: number;
  lomSong: number;
  routes: Record<Route, number>;
}

/**
 * Villages per unit, in Vietnamese order (district, then commune): coverage counts and shares, the
 * reporting classes and the routes. Percentages are over all the unit's villages, as the plan
 * board counts them (an invalid village is a gap); a measure no village of the unit knows is null.
 */
export function unitTable(rows: readonly ResultRow[], level: 'commune' | 'district'): UnitRow[] {
  const units = new Map<string, UnitRow & { mobileKnown: number; ftthKnown: number }>();
  for (const r of rows) {
    const unit = level === 'commune' ? r.commune : r.district;
    const key = level === 'commune' ? `${r.district ?? ''}|${r.commune ?? ''}` : (r.district ?? '');
    let u = units.get(key);
    if (!u) {
      u = {
        unit,
        district: r.district,
        villages: 0,
        mobile: 0,
        ftth: 0,
        mobilePct: null,
        ftthPct: null,
        trangSong: 0,
        lomSong: 0,
        routes: { share: 0, build: 0, vtf: 0 },
        mobileKnown: 0,
        ftthKnown: 0,
      };
      units.set(key, u);
    }
    u.villages++;
    if (r.mobile_covered !== null) u.mobileKnown++;
    if (r.mobile_covered === true) u.mobile = (u.mobile ?? 0) + 1;
    if (r.ftth_covered !== null) u.ftthKnown++;
    if (r.ftth_covered === true) u.ftth = (u.ftth ?? 0) + 1;
    if (r.signal_class === 'trang-song') u.trangSong++;
    else if (r.signal_class === 'lom-song') u.lomSong++;
    if (r.route) u.routes[r.route]++;
  }
  const collator = new Intl.Collator('vi');
  return [...units.values()]
    .map(({ mobileKnown, ftthKnown, ...u }) => ({
      ...u,
      district: level === 'district' ? null : u.district,
      mobile: mobileKnown > 0 ? u.mobile : null,
      ftth: ftthKnown > 0 ? u.ftth : null,
      mobilePct: mobileKnown > 0 ? (100 * (u.mobile ?? 0)) / u.villages : null,
      ftthPct: ftthKnown > 0 ? (100 * (u.ftth ?? 0)) / u.villages : null,
    }))
    .sort((a, b) => collator.compare(a.district ?? '', b.district ?? '') || collator.compare(a.unit ?? '', b.unit ?? ''));
}

/** Whether the rows name districts (since July 2025 Vietnam has none; older data does). */
export function hasDistricts(rows: readonly ResultRow[]): boolean {
  return rows.some((r) => r.district !== null);
}
