/** The lines that say what a command read: skipped rows per file, and which layers it runs on. */
import type { InputFiles } from './input-options.ts';
import type { LoadedInputs } from './load-inputs.ts';

const n = (x: number): string => x.toLocaleString('en');
const files = (list: readonly string[]): string => (list.length === 1 ? list[0] : `${list.length} files`);

/** Per file with skipped or changed rows: the count per reason and the first one. */
export function issueLines(loaded: LoadedInputs): string[] {
  const lines: string[] = [];
  for (const { file, issues } of loaded.issues) {
    if (issues.length === 0) continue;
    const byCode = new Map<string, number>();
    for (const i of issues) byCode.set(i.code, (byCode.get(i.code) ?? 0) + 1);
    const first = issues[0];
    lines.push(`${file}: ${[...byCode].map(([code, count]) => `${n(count)} ${code}`).join(', ')}; first: ${first.where} ${first.index}: ${first.message}`);
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
      ? `settlements ${n(input.settlements?.length ?? 0)} (${files(given.settlements)})`
      : "settlements: none given, so each village's people are taken as spread over its area",
  );
  if (given.config) parts.push(`config ${given.config}`);
  return `layers: ${parts.join('; ')}`;
}
