/** The closing line of `vunglom analyze`: the KPIs, with a measure whose layer is missing said unknown. */
import type { Kpis } from '../../core/kpis.ts';
import { groupDigits } from '../../core/group-digits.ts';

const pct = (x: number | null): string => (x === null ? '–' : `${x.toFixed(1)}%`);

/** "done in 1.23 s: 824 villages; mobile broadband 96.1%, FTTH 85.0%, … → gaps.geojson". */
export function analyzeSummary(k: Kpis, options: { seconds: number; files: readonly string[] }): string {
  const ftth = !k.ftthKnown ? 'FTTH: unknown (no fibre layer)' : `FTTH ${pct(k.ftthVillagesPct)}, households within fibre reach ${pct(k.householdsFibrePct)}`;
  // Without fibre there are no FTTH gaps to count: the classes are mobile's alone.
  const gaps = k.gapFtth === null || k.gapBoth === null ? `${k.gapMobile} mobile` : `${k.gapMobile} mobile, ${k.gapFtth} FTTH, ${k.gapBoth} both`;
  return (
    `done in ${options.seconds.toFixed(2)} s: ${groupDigits(k.villages)} villages; mobile broadband ${pct(k.mobileVillagesPct)}, ${ftth}, ` +
    `shared sites ${pct(k.sharedSitesPct)}; gaps: ${gaps} → ${options.files.join(', ')}`
  );
}
