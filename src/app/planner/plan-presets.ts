import type { Kpis } from '../../core/kpis.ts';

/**
 * Plan targets the plan board measures against: presets from the provinces' own plans (listed in
 * the README), and the user's own plan kept in local storage. Pure apart from the storage it is
 * handed, so it runs in unit tests.
 */

/** KPIs that a plan can set a target for (percentages 0–100). */
export const TARGET_NAMES = ['mobile-villages-pct', 'ftth-villages-pct', 'shared-sites-pct', 'households-fibre-pct'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** A target per KPI; null = the plan sets none ("–"). */
export type PlanTargets = Record<TargetName, number | null>;

/** Text in both languages (preset names are data, not UI labels). */
export interface Bilingual {
  vi: string;
  en: string;
}

export interface PlanPreset {
  id: string;
  name: Bilingual;
  targets: PlanTargets;
  /** What the plan says beyond the numbers (how it counts, other targets). */
  note?: Bilingual;
  /** The district the plan is about (matched without diacritics), for a district plan. */
  district?: string;
}

/** The user's own plan, edited on the board. */
export const CUSTOM_PLAN_ID = 'custom';
/** The plan shown until the user picks another. */
export const DEFAULT_PLAN_ID = 'kon-tum-2025';

/** The provinces' plans, in the order the README lists them. */
export const PLAN_PRESETS: readonly PlanPreset[] = [
  {
    id: 'kon-tum-2025',
    name: { vi: 'Kon Tum: hạ tầng số đến 2025', en: 'Kon Tum: digital infrastructure to 2025' },
    targets: { 'mobile-villages-pct': 100, 'ftth-villages-pct': 95, 'shared-sites-pct': 20, 'households-fibre-pct': 80 },
  },
  {
    id: 'kon-tum-2030',
    name: { vi: 'Kon Tum: định hướng đến 2030', en: 'Kon Tum: orientation to 2030' },
    targets: { 'mobile-villages-pct': 100, 'ftth-villages-pct': 100, 'shared-sites-pct': null, 'households-fibre-pct': 100 },
    note: { vi: 'Băng rộng di động phủ 100% khu dân cư.', en: 'Mobile broadband over 100% of populated areas.' },
  },
  {
    id: 'kon-plong',
    name: { vi: 'Huyện Kon Plông (Kon Tum)', en: 'Kon Plông district (Kon Tum)' },
    targets: { 'mobile-villages-pct': 100, 'ftth-villages-pct': null, 'shared-sites-pct': null, 'households-fibre-pct': 70 },
    district: 'Kon Plông',
  },
  {
    id: 'dak-lak-148',
    name: { vi: 'Đắk Lắk: KH 148/KH-UBND, 2023–2025', en: 'Đắk Lắk: plan 148/KH-UBND, 2023–2025' },
    targets: { 'mobile-villages-pct': 100, 'ftth-villages-pct': 85, 'shared-sites-pct': null, 'households-fibre-pct': 90 },
    note: {
      vi: 'Sóng di động tính theo khu dân cư; tốc độ di động 40 Mbps.',
      en: 'Mobile counted over the populated area; mobile speed 40 Mbps.',
    },
  },
  {
    id: 'quang-tri-195',
    name: { vi: 'Quảng Trị: KH 195/KH-UBND, 2023–2025', en: 'Quảng Trị: plan 195/KH-UBND, 2023–2025' },
    targets: { 'mobile-villages-pct': 100, 'ftth-villages-pct': 100, 'shared-sites-pct': 25, 'households-fibre-pct': null },
    note: { vi: 'Ngoài ra: 80% cột treo cáp và 70% cống bể dùng chung.', en: 'Also 80% shared cable poles and 70% shared ducts.' },
  },
  {
    id: 'quang-ninh-09',
    name: { vi: 'Quảng Ninh: NQ 09-NQ/TU, đến 2025', en: 'Quảng Ninh: resolution 09-NQ/TU, to 2025' },
    targets: { 'mobile-villages-pct': null, 'ftth-villages-pct': null, 'shared-sites-pct': null, 'households-fibre-pct': 95 },
    note: { vi: '100% hộ có băng rộng.', en: '100% of households with broadband.' },
  },
];

/** The preset with `id`, or undefined. */
export function findPreset(id: string): PlanPreset | undefined {
  return PLAN_PRESETS.find((p) => p.id === id);
}

/**
 * Reads targets from untrusted JSON (local storage): every name must be a number from 0 to 100 or
 * null. Throws a sentence naming the bad value.
 */
export function parseTargets(input: unknown): PlanTargets {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('Plan targets must be an object such as {"mobile-villages-pct": 100}.');
  }
  const o = input as Record<string, unknown>;
  const out = {} as PlanTargets;
  for (const name of TARGET_NAMES) {
    const v = o[name];
    if (v === null || v === undefined) out[name] = null;
    else if (typeof v === 'number' && v >= 0 && v <= 100) out[name] = v;
    else throw new Error(`Plan target "${name}" must be a percentage from 0 to 100 or null, got ${JSON.stringify(v)}.`);
  }
  return out;
}

/** The part of Web Storage this module uses (localStorage, or a stand-in in tests). */
export type PlanStorage = Pick<Storage, 'getItem' | 'setItem'>;

const CUSTOM_KEY = 'vunglom.plan.custom';
const SELECTED_KEY = 'vunglom.plan.selected';

/** The user's saved plan, or null when none (or when what is stored cannot be read). */
export function loadCustomPlan(storage: PlanStorage): PlanTargets | null {
  try {
    const raw = storage.getItem(CUSTOM_KEY);
    return raw === null ? null : parseTargets(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** Saves the user's plan; false when storage is unavailable (private mode, policy). */
export function saveCustomPlan(storage: PlanStorage, targets: PlanTargets): boolean {
  try {
    storage.setItem(CUSTOM_KEY, JSON.stringify(parseTargets(targets)));
    return true;
  } catch {
    return false;
  }
}

/** The plan id last chosen (a preset or `custom`), else the default. */
export function loadSelectedPlanId(storage: PlanStorage): string {
  try {
    const id = storage.getItem(SELECTED_KEY);
    if (id === CUSTOM_PLAN_ID && loadCustomPlan(storage)) return id;
    if (id && findPreset(id)) return id;
  } catch {
    // Storage disabled: fall back to the default plan.
  }
  return DEFAULT_PLAN_ID;
}

export function saveSelectedPlanId(storage: PlanStorage, id: string): void {
  try {
    storage.setItem(SELECTED_KEY, id);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

/** The targets of plan `id` (a preset, or the saved custom plan, else the default preset's). */
export function targetsOf(id: string, storage: PlanStorage): PlanTargets {
  if (id === CUSTOM_PLAN_ID) return loadCustomPlan(storage) ?? { ...(findPreset(DEFAULT_PLAN_ID) as PlanPreset).targets };
  return { ...(findPreset(id) ?? (findPreset(DEFAULT_PLAN_ID) as PlanPreset)).targets };
}

/** One target on the board: where the KPI stands, the target, and what is still to close. */
export interface TargetProgress {
  name: TargetName;
  /** The KPI now (0–100), null when undefined (no villages, no sites) or unknown (no fibre layer). */
  value: number | null;
  target: number | null;
  /** null when there is no target or no value. */
  met: boolean | null;
  /**
   * How many still to close to reach the target: villages (mobile, FTTH), sites to share (sharing),
   * households (fibre). 0 when met; null without a target or without data.
   */
  toClose: number | null;
  unit: 'villages' | 'sites' | 'households';
  /** The count to close is (partly) an estimate: households estimated from population. */
  estimated: boolean;
}

/** The smallest whole count reaching `target` % of `total` (tolerant of float noise: 95 % of 20 is 19). */
function needed(target: number, total: number): number {
  return Math.ceil((target * total) / 100 - 1e-9);
}

/**
 * The progress towards each target. Village targets count villages still without the service
 * (100 % mobile → every village without mobile broadband); the sharing target counts further
 * physical sites to share; the fibre target counts households still to reach (an estimate where
 * villages give only their population, and then marked `estimated`). Unknown KPIs (no fibre
 * layer) have nothing to close.
 */
export function planProgress(kpis: Kpis, targets: PlanTargets): TargetProgress[] {
  const h = kpis.households;
  const rows: [TargetName, number | null, TargetProgress['unit'], number | null, number, boolean][] = [
    ['mobile-villages-pct', kpis.mobileVillagesPct, 'villages', kpis.mobileVillages, kpis.villages, false],
    ['ftth-villages-pct', kpis.ftthVillagesPct, 'villages', kpis.ftthVillages, kpis.villages, false],
    ['shared-sites-pct', kpis.sharedSitesPct, 'sites', kpis.sharedSites, kpis.physicalSites, false],
    ['households-fibre-pct', kpis.householdsFibrePct, 'households', h.reached, h.total, h.estimated > 0],
  ];
  return rows.map(([name, value, unit, have, total, estimated]) => {
    const target = targets[name];
    if (target === null || value === null || have === null) return { name, value, target, met: null, toClose: null, unit, estimated };
    const toClose = Math.max(0, needed(target, total) - Math.floor(have + 1e-9));
    return { name, value, target, met: toClose === 0, toClose, unit, estimated };
  });
}
