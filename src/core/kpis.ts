import type { Gap } from './classify.ts';
import type { SignalClass } from './report/signal-class.ts';

/** What the KPIs need of each village. */
export interface KpiRow {
  gap: Gap;
  mobileCovered: boolean;
  ftthCovered: boolean;
  ftthFraction: number;
  households: number | null;
  population: number | null;
  /** The reporting class (counted as villages trắng sóng / lõm sóng); absent or null: not counted. */
  signalClass?: SignalClass | null;
}

/** The plan board's numbers for a set of villages (percentages 0–100; null when undefined). */
export interface Kpis {
  villages: number;
  mobileVillages: number;
  ftthVillages: number;
  mobileVillagesPct: number | null;
  ftthVillagesPct: number | null;
  /** Households (else population) within fibre reach, as a share of all; villages weighted by size. */
  householdsFibrePct: number | null;
  physicalSites: number;
  sharedSites: number;
  sharedSitesPct: number | null;
  gapMobile: number;
  gapFtth: number;
  gapBoth: number;
  /** Villages "trắng sóng" (centre without broadband) and "lõm sóng" (centre covered, village not). */
  trangSong: number;
  lomSong: number;
}

/**
 * KPIs over villages and physical sites. Every village counts in the denominators, including
 * invalid ones (they are gaps until their polygon is fixed).
 */
export function computeKpis(rows: readonly KpiRow[], sites: { physical: number; shared: number }): Kpis {
  let mobile = 0;
  let ftth = 0;
  let gapMobile = 0;
  let gapFtth = 0;
  let gapBoth = 0;
  let trangSong = 0;
  let lomSong = 0;
  let hhTotal = 0;
  let hhReached = 0;
  for (const r of rows) {
    if (r.mobileCovered) mobile++;
    if (r.ftthCovered) ftth++;
    if (r.gap === 'mobile') gapMobile++;
    else if (r.gap === 'ftth') gapFtth++;
    else if (r.gap === 'both') gapBoth++;
    if (r.signalClass === 'trang-song') trangSong++;
    else if (r.signalClass === 'lom-song') lomSong++;
    const w = r.households ?? r.population ?? 0;
    hhTotal += w;
    hhReached += w * r.ftthFraction;
  }
  const n = rows.length;
  const pct = (a: number, b: number): number | null => (b > 0 ? (100 * a) / b : null);
  return {
    villages: n,
    mobileVillages: mobile,
    ftthVillages: ftth,
    mobileVillagesPct: pct(mobile, n),
    ftthVillagesPct: pct(ftth, n),
    householdsFibrePct: pct(hhReached, hhTotal),
    physicalSites: sites.physical,
    sharedSites: sites.shared,
    sharedSitesPct: pct(sites.shared, sites.physical),
    gapMobile,
    gapFtth,
    gapBoth,
    trangSong,
    lomSong,
  };
}
