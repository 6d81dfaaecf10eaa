/** The lines that say what a command read: how each file was read, skipped rows per file, and which layers it runs on. */
import { ENCODING_LABELS } from '../core/io/encoding/text-encodings.ts';
import type { InputFiles } from './input-options.ts';
import type { LoadedInputs } from './load-inputs.ts';
import { TERRAIN_CLEAR, TERRAIN_OUTSIDE, TERRAIN_SHADOWED, TERRAIN_VOIDS, type PackedTerrain } from '../core/terrain/packed-terrain.ts';
import { groupDigits } from '../core/group-digits.ts';
import { outsideIdList, settlementsOutside } from '../core/populated-points.ts';
import type { UnreachedLayer } from '../core/analysis/unreached-layers.ts';
import type { PreparedAnalysis } from '../core/analysis/prepare-analysis.ts';

const n = groupDigits;
const files = (list: readonly string[]): string => (list.length === 1 ? list[0] : `${list.length} files`);

const CRS_FROM = { declared: 'declared by the file', given: 'given with --crs', format: "the format's own", assumed: 'not declared, degrees read as WGS 84' } as const;

/**
 * Per file read in a way worth saying: a layer or sheet among several, a coordinate system other
 * than WGS 84 (reprojected), axes swapped, a text encoding guessed. "thon.zip: layer thon of 2;
 * VN-2000 / TM-3 107-30 (EPSG:9216, declared by the file), reprojected to WGS 84; text TCVN3 (ABC,
 * .VnTime), guessed from the names — give --encoding if the names look wrong".
 */
export function readLines(loaded: LoadedInputs): string[] {
  const lines: string[] = [];
  for (const { file, source } of loaded.sources) {
    const parts: string[] = [];
    if (source.layers !== null && source.layers.names.length > 1) {
      parts.push(`${source.format === 'xlsx' ? 'sheet' : 'layer'} "${source.layers.chosen}" of ${source.layers.names.length} (${source.layers.names.join(', ')}; choose with ${file.split('#')[0]}#NAME)`);
    }
    const crs = source.crs;
    if (crs.code !== 'EPSG:4326') parts.push(`${crs.name}${crs.code !== null ? ` (${crs.code}, ${CRS_FROM[crs.from]})` : ` (${CRS_FROM[crs.from]})`}, reprojected to WGS 84`);
    if (crs.axesSwapped) parts.push('X held the northings (Vietnamese order): X and Y swapped');
    const e = source.encoding;
    if (e !== null && e.from === 'detected' && (!e.certain || (e.encoding !== 'utf-8' && !e.encoding.startsWith('utf-16')))) {
      parts.push(`text ${ENCODING_LABELS[e.encoding]}, guessed from the names${e.certain ? '' : ' (not sure)'} — give --encoding if they look wrong`);
    }
    if (parts.length > 0) lines.push(`${file}: ${parts.join('; ')}`);
  }
  return lines;
}

/** Per file with skipped or changed rows: the count per reason and the first one. */
export function issueLines(loaded: LoadedInputs): string[] {
  const lines: string[] = [];
  for (const { file, issues } of loaded.issues) {
    if (issues.length === 0) continue;
    const byCode = new Map<string, number>();
    for (const i of issues) byCode.set(i.code, (byCode.get(i.code) ?? 0) + 1);
    const first = issues[0];
    // Each issue's message begins with its row ("feature 12: …", "line 7: …").
    lines.push(`${file}: ${[...byCode].map(([code, count]) => `${n(count)} ${code}`).join(', ')}; first: ${first.message}`);
  }
  return lines;
}

/**
 * The layers the command runs on, and what a missing one means: "layers: villages 824 (v.fgb); BTS
 * 1,322 records (bts.fgb); fibre: none given, FTTH unknown; settlements: none given, …".
 */
export function layersLine(given: InputFiles, loaded: LoadedInputs): string {
  const { input } = loaded;
  const parts = [`villages ${n(input.villages.length)} (${given.villages})`, `BTS ${n(input.bts.length)} records (${files(given.bts)})`];
  parts.push(
    given.fibre.length > 0
      ? `fibre ${n(input.fibreRoutes.length)} routes + ${n(input.fibrePoints.length)} access points (${files(given.fibre)})`
      : 'fibre: none given, so FTTH is unknown',
  );
  parts.push(
    given.settlements.length > 0
      ? `settlements ${n(input.settlements?.ids.length ?? 0)} (${files(given.settlements)})`
      : "settlements: none given, so each village's people are taken as spread over its area",
  );
  // The elevation model is optional and named only when given (without it every row says "predicted: disk").
  const dem = input.dem?.summary();
  if (dem) {
    parts.push(
      `DEM ${dem.label}, ${dem.extent.map((x) => Math.round(x * 100) / 100).join(', ')} (${files(given.dem)})${dem.voids > dem.filled ? `, ${n(dem.voids - dem.filled)} posts unknown (voids)` : ''}`,
    );
  }
  if (given.config) parts.push(`config ${given.config}`);
  return `layers: ${parts.join('; ')}`;
}

/**
 * What terrain did to the footprints: "terrain: 430 masts profiled (12 from the cache); 522 footprints
 * cut by terrain, 13 clear, 2 outside the DEM (kept as disks)"; null without a DEM.
 */
export function terrainLine(loaded: LoadedInputs, terrain: PackedTerrain | null | undefined): string | null {
  if (!terrain) return null;
  const count = [0, 0, 0, 0, 0];
  for (const s of terrain.status) count[s]++;
  const p = loaded.profiles;
  const fallback = count[TERRAIN_OUTSIDE] + count[TERRAIN_VOIDS];
  return (
    `terrain: ${n(p.computed)} masts profiled${p.reused > 0 ? `, ${n(p.reused)} from the cache` : ''}; ` +
    `${n(count[TERRAIN_SHADOWED])} footprints cut by terrain, ${n(count[TERRAIN_CLEAR])} clear` +
    (fallback > 0 ? `, ${n(fallback)} kept as disks (${n(count[TERRAIN_OUTSIDE])} outside the DEM, ${n(count[TERRAIN_VOIDS])} over voids)` : '')
  );
}

/**
 * "settlements: 12 of 20,817 points lie in no village and count for no village's population (first:
 * s-1, s-9, …)", or null when every point lies in a village (or none were given).
 */
export function outsideSettlementsLine(loaded: LoadedInputs, prepared: PreparedAnalysis): string | null {
  const outside = settlementsOutside(prepared.populated);
  const given = loaded.input.settlements?.ids.length ?? 0;
  if (outside.count === 0) return null;
  return `settlements: ${n(outside.count)} of ${n(given)} points lie in no village and count for no village's population (first: ${outsideIdList(outside)})`;
}

/** "1.2 km" for the CLI's lines (metres below a kilometre; whole kilometres from 10 km). */
function distance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  return metres < 10_000 ? `${(metres / 1000).toFixed(1)} km` : `${n(Math.round(metres / 1000))} km`;
}

/**
 * For a BTS or fibre layer that reaches no village: "BTS: no footprint reaches any village; the
 * nearest site lies 9,953 km from a village's centre. Check that …" (see unreached-layers.ts).
 */
export function unreachedLines(unreached: readonly UnreachedLayer[], params: { ftthReachM: number; broadbandTechs: readonly string[] }): string[] {
  return unreached.map(({ layer, reason, nearestM, beyondM }) => {
    if (reason === 'no-broadband-site') {
      return `BTS: no site of a broadband technology (${params.broadbandTechs.join(', ')}), so no village has mobile broadband; if another technology should count, set "broadbandTechs" in --config.`;
    }
    const what = layer === 'bts' ? 'site' : 'fibre';
    // Far: the nearest site or fibre, or (fibre) how far none was found.
    const far = nearestM !== null
      ? `the nearest ${what} lies ${distance(nearestM)} from a village${layer === 'bts' ? "'s centre" : ''}`
      : `the nearest ${what} lies more than ${distance(beyondM ?? 0)} from every village`;
    const said = layer === 'bts' ? 'BTS: no footprint reaches any village' : `fibre: no village lies within the FTTH reach (${distance(params.ftthReachM)}) of any fibre`;
    return `${said}; ${far}. Check that the ${layer === 'bts' ? 'BTS' : 'fibre'} file is the one for these villages and that its coordinates are longitude/latitude (else give --crs).`;
  });
}
