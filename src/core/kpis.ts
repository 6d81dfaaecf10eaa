import type { Gap } from './classify.ts';
import type { SignalClass } from './report/signal-class.ts';
import { villageHouseholds } from './households.ts';

/** What the KPIs need of each village. */
export interface KpiRow {
  gap: Gap;
  mobileCovered: boolean;
  /** null: unknown (no fibre layer). */
  ftthCovered: boolean | null;
  /** null: unknown (no fibre layer, or an invalid village). */
  ftthFraction: number | null;
  households: number | null;
  population: number | null;
  /** The reporting class (counted as villages trắng sóng / lõm sóng); absent or null: not counted. */
  signalClass?: SignalClass | null;
}

/** Households of a set of villages, how many fibre reaches, and how many of them are estimates. */
export interface HouseholdTotals {
  /** Declared households plus those estimated from population. */
  total: number;
  /** Households within fibre reach (null: no fibre layer). */
  reached: number | null;
  /** The part of `total` estimated from population (0: every village declares its households). */
  estimated: number;
  /** Villages with neither households nor population (left out of `total`). */
  unknownVillages: number;
}

/** The plan board's numbers for a set of villages (percentages 0–100; null when undefined or unknown). */
export interface Kpis {
  villages: number;
  mobileVillages: number;
  /** false: no fibre layer was given, every FTTH number below is null (unknown, not zero). */
  ftthKnown: boolean;
  ftthVillages: number | null;
  mobileVillagesPct: number | null;
  ftthVillagesPct: number | null;
  /** Households within fibre reach, as a share of all (estimated households included; see `households`). */
  householdsFibrePct: number | null;
  households: HouseholdTotals;
  physicalSites: number;
  sharedSites: number;
  sharedSitesPct: number | null;
  gapMobile: number;
  gapFtth: number | null;
  gapBoth: number | null;
  /** Villages "trắng sóng" (centre without broadband) and "lõm sóng" (centre covered, village not). */
  trangSong: number;
  lomSong: number;
}

/** Options of {@link computeKpis} and {@link householdTotals}. */
export interface KpiOptions {
  /** Persons per household, to estimate the households of villages that declare only people. */
  personsPerHousehold: number;
}

/**
 * Households over `rows` (villages without a households count estimated from population, see
 * households.ts) and the part fibre reaches: each village's households × its FTTH fraction.
 */
export function householdTotals(rows: Iterable<KpiRow>, options: KpiOptions): HouseholdTotals {
  let total = 0;
  let reached = 0;
  let estimated = 0;
  let unknownVillages = 0;
  let ftthKnown = true;
  for (const r of rows) {
    if (r.ftthCovered === null) ftthKnown = false;
    const h = villageHouseholds(r, options.personsPerHousehold);
    if (h === null) {
      unknownVillages++;
      continue;
    }
    total += h.value;
    if (h.estimated) estimated += h.value;
    reached += h.value * (r.ftthFraction ?? 0);
  }
  return { total, reached: ftthKnown ? reached : null, estimated, unknownVillages };
}

/**
 * KPIs over villages and physical sites. Every village counts in the denominators, including
 * invalid ones (they are gaps until their polygon is fixed). Without a fibre layer (any row's
 * `ftthCovered` null) every FTTH number is null.
 */
export function computeKpis(rows: readonly KpiRow[], sites: { physical: number; shared: number }, options: KpiOptions): Kpis {
  let mobile = 0;
  let ftth = 0;
  let gapMobile = 0;
  let gapFtth = 0;
  let gapBoth = 0;
  let trangSong = 0;
  let lomSong = 0;
  let ftthKnown = true;
  for (const r of rows) {
    if (r.mobileCovered) mobile++;
    if (r.ftthCovered === null) ftthKnown = false;
    else if (r.ftthCovered) ftth++;
    if (r.gap === 'mobile') gapMobile++;
    else if (r.gap === 'ftth') gapFtth++;
    else if (r.gap === 'both') gapBoth++;
    if (r.signalClass === 'trang-song') trangSong++;
    else if (r.signalClass === 'lom-song') lomSong++;
  }
  const n = rows.length;
  const pct = (a: number, b: number): number | null => (b > 0 ? (100 * a) / b : null);
  const households = householdTotals(rows, options);
  return {
    villages: n,
    mobileVillages: mobile,
    ftthKnown,
    ftthVillages: ftthKnown ? ftth : null,
    mobileVillagesPct: pct(mobile, n),
    ftthVillagesPct: ftthKnown ? pct(ftth, n) : null,
    householdsFibrePct: households.reached === null ? null : pct(households.reached, households.total),
    households,
    physicalSites: sites.physical,
    sharedSites: sites.shared,
    sharedSitesPct: pct(sites.shared, sites.physical),
    gapMobile,
    gapFtth: ftthKnown ? gapFtth : null,
    gapBoth: ftthKnown ? gapBoth : null,
    trangSong,
    lomSong,
  };
}
