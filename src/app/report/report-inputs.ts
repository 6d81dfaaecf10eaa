import { buildGapFile, fingerprints, type InputSource } from '../../core/output/gap-file.ts';
import { TOOL_VERSION, type InputFingerprint, type RunMetadata } from '../../core/output/run-metadata.ts';
import { readResultFile, resultKpisOf, type ResultSnapshot } from '../../core/report/read-result.ts';
import type { ReportPlan } from '../../core/report/report-model.ts';
import type { ReportKpiKey } from '../../core/report/report-kpis.ts';
import { syntheticRoles } from '../../core/report/synthetic-inputs.ts';
import type { ExportableResult } from '../analysis/export-gaps.ts';
import { CUSTOM_PLAN_ID, PLAN_PRESETS, findPreset, loadCustomPlan, loadSelectedPlanId, targetsOf, type PlanStorage, type TargetName } from '../planner/plan-presets.ts';
import type { Lang } from '../shell/i18n.ts';

/**
 * What the report view reads from the app: this quarter's result as the CLI would read its export
 * (the same file, read back by the same reader, so both reports hold the same figures), the result
 * with proposals, the plan chosen on the board, and which inputs are the synthetic sample.
 */

/** The analysis's gap list as the report reads it: its GeoJSON export, read back. */
export async function snapshotOfResult(result: ExportableResult): Promise<ResultSnapshot> {
  const file = await buildGapFile(result, 'geojson', { gapsOnly: false });
  return readResultFile(file.data, file.name);
}

/**
 * A country-sized result, whose GeoJSON would be too large to read back on the page: its CSV
 * (written in the coverage worker) read back, with the metadata the GeoJSON would carry.
 */
export async function snapshotOfCsv(csv: string | Uint8Array, name: string, result: ExportableResult): Promise<ResultSnapshot> {
  const meta: RunMetadata = {
    tool: 'vunglom',
    version: TOOL_VERSION,
    created: new Date().toISOString(),
    params: result.params,
    inputs: await fingerprints(result.sources),
    kpis: result.gapList.kpis,
    gapsOnly: false,
  };
  const read = readResultFile(csv, name, { fallbackCreated: meta.created });
  return {
    ...read,
    params: { ...meta.params },
    inputs: meta.inputs,
    version: meta.version,
    kpis: resultKpisOf(meta.kpis),
  };
}

/** How many proposed sites (distinct physical sites) a result with proposals adds, from its proposals file. */
export function proposedSiteCount(sources: readonly InputSource[]): number {
  const file = sources.find((s) => 'bytes' in s && s.name === 'proposals.geojson');
  if (!file || !('bytes' in file)) return 0;
  const doc = JSON.parse(new TextDecoder().decode(file.bytes)) as { features?: { properties?: { site_id?: unknown } }[] };
  return new Set((doc.features ?? []).map((f) => String(f.properties?.site_id ?? ''))).size;
}

const TARGET_KEYS: Record<TargetName, ReportKpiKey> = {
  'mobile-villages-pct': 'mobileVillagesPct',
  'ftth-villages-pct': 'ftthVillagesPct',
  'shared-sites-pct': 'sharedSitesPct',
  'households-fibre-pct': 'householdsFibrePct',
};

/** The plan chosen on the board (a preset, or the user's own), with its name in `lang`. */
export function chosenPlan(storage: PlanStorage | null, lang: Lang, customName: string): ReportPlan | null {
  if (!storage) return null;
  const id = loadSelectedPlanId(storage);
  const targets = targetsOf(id, storage);
  const name = id === CUSTOM_PLAN_ID ? customName : (findPreset(id)?.name[lang] ?? id);
  return { name, targets: Object.fromEntries(Object.entries(targets).map(([k, v]) => [TARGET_KEYS[k as TargetName], v])) };
}

/**
 * The plans to report against, named in `lang`: the presets, then the user's own when one is saved
 * (the board makes it by editing a target; an unsaved one would report the default's targets under
 * another name); and the one chosen (null: no storage, no choice kept).
 */
export function planChoice(storage: PlanStorage | null, lang: Lang, customName: string): { options: { id: string; name: string }[]; chosen: string | null } {
  const presets = PLAN_PRESETS.map((p) => ({ id: p.id, name: p.name[lang] }));
  const custom = storage && loadCustomPlan(storage) ? [{ id: CUSTOM_PLAN_ID, name: customName }] : [];
  return { options: [...presets, ...custom], chosen: storage ? loadSelectedPlanId(storage) : null };
}

/**
 * The roles of the inputs that are the synthetic sample: those whose bytes (SHA-256) are one of
 * the sample's simulated files, as the CLI decides it from the files on disk.
 */
export async function syntheticLayersOf(inputs: readonly InputFingerprint[] | null, sampleUrls: readonly string[]): Promise<string[]> {
  if (!inputs || inputs.length === 0 || sampleUrls.length === 0) return [];
  const sample = await fingerprints(sampleUrls.map((url) => ({ role: 'villages' as const, url })));
  return syntheticRoles(inputs, new Set(sample.map((f) => f.sha256)));
}
