/**
 * Output statistics of the sample, as Markdown for data/README.md and the console.
 */
import type { GeneratedRegion } from './generate-region.ts';
import type { SampleSources } from './sample-sources.ts';

function pct(n: number, d: number): string {
  return `${((100 * n) / d).toFixed(1)} %`;
}

/** Markdown statistics of the generated sample. */
export function sampleStatsMarkdown(src: SampleSources, r: GeneratedRegion, files: Map<string, Uint8Array>): string {
  const perCommune = new Map<string, number>();
  for (const v of r.villages) perCommune.set(v.communeId, (perCommune.get(v.communeId) ?? 0) + 1);
  const counts = [...perCommune.values()].sort((a, b) => a - b);
  const median = counts.length % 2 ? counts[counts.length >> 1] : (counts[counts.length / 2 - 1] + counts[counts.length / 2]) / 2;
  const communePop = src.communes.reduce((s, c) => s + c.population, 0);
  const villagePop = r.villages.reduce((s, v) => s + v.population, 0);
  const settlementPop = r.settlements.reduce((s, v) => s + v.population, 0);
  const households = r.villages.reduce((s, v) => s + v.households, 0);
  const tech: Record<string, number> = {};
  const op: Record<string, number> = {};
  let withRadius = 0;
  let sectors = 0;
  for (const b of r.bts) {
    tech[b.tech] = (tech[b.tech] ?? 0) + 1;
    op[b.operator] = (op[b.operator] ?? 0) + 1;
    if (b.radiusM !== null) withRadius++;
    if (b.azimuthDeg !== null) sectors++;
  }
  const noBroadband = r.villages.filter((_, i) => !r.calibration.broadband[i]);
  const noBbCommunes = new Map<string, number>();
  for (const v of noBroadband) noBbCommunes.set(`${v.commune} (${v.district})`, (noBbCommunes.get(`${v.commune} (${v.district})`) ?? 0) + 1);
  const noFtth = r.calibration.ftth.filter((x) => !x).length;
  const routeKinds: Record<string, number> = {};
  for (const f of r.fibreRoutes) routeKinds[f.kind] = (routeKinds[f.kind] ?? 0) + 1;
  const pointKinds: Record<string, number> = {};
  for (const p of r.fibrePoints) pointKinds[p.kind] = (pointKinds[p.kind] ?? 0) + 1;
  const fmt = (o: Record<string, number>): string =>
    Object.entries(o)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const total = r.bts.length;
  const lines = [
    `| what | value |`,
    `|---|---|`,
    `| communes (real) | ${src.communes.length} in ${src.districts.length} districts |`,
    `| villages (synthetic) | ${r.villages.length}; per commune min ${counts[0]} / median ${median} / max ${counts[counts.length - 1]} |`,
    `| population | communes ${communePop.toLocaleString('en')} = villages ${villagePop.toLocaleString('en')} = settlements ${settlementPop.toLocaleString('en')}; ${households.toLocaleString('en')} households |`,
    `| settlements | ${r.settlements.length} |`,
    `| BTS records | ${total} on ${r.calibration.sites} physical sites; shared sites (≥ 2 operators) ${r.calibration.sharedSites} = ${pct(r.calibration.sharedSites, r.calibration.sites)} |`,
    `| BTS by operator | ${fmt(op)} |`,
    `| BTS by technology | ${Object.entries(tech).sort().map(([k, n]) => `${k} ${n} (${pct(n, total)})`).join(', ')} |`,
    `| BTS detail | ${sectors} sector records (3 × 120°), ${withRadius} records with an explicit radius_m |`,
    `| villages without 4G/5G (calibration check) | ${noBroadband.length} = ${pct(noBroadband.length, r.villages.length)}; in ${[...noBbCommunes].map(([k, n]) => `${k} ${n}`).join(', ')} |`,
    `| villages beyond FTTH reach (calibration check) | ${noFtth} = ${pct(noFtth, r.villages.length)} |`,
    `| fibre routes | ${r.fibreRoutes.length}: ${fmt(routeKinds)} |`,
    `| fibre access points | ${r.fibrePoints.length}: ${fmt(pointKinds)} |`,
    `| file sizes | ${[...files].map(([f, b]) => `${f} ${(b.length / 1024).toFixed(1)} KiB`).join(', ')} |`,
  ];
  return lines.join('\n');
}
