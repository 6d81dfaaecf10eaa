/** The work of `vunglom report`: read the gap lists (and the plan), write the report and its summary. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { sha256Hex } from '../../core/output/run-metadata.ts';
import { ResultFileError } from '../../core/report/read-result.ts';
import { parsePlan, reportFromFiles, type ReportFile } from '../../core/report/report-from-files.ts';
import type { ReportPlan } from '../../core/report/report-model.ts';
import { CliInputError, oneLine } from '../cli-errors.ts';
import type { CliContext } from '../cli-context.ts';
import { writeOutput } from '../write-output.ts';
import type { ReportArgs } from './report-options.ts';

function readFile(path: string, flag: string): ReportFile {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    return { name: basename(path), bytes: readFileSync(path), modified: st.mtime.toISOString() };
  } catch {
    throw new CliInputError(`${flag} ${path}: no such file. Check the path.`);
  }
}

/** The sample shipped beside the tool (the built CLI and the sources sit at different depths). */
function sampleDir(): URL | null {
  let dir = new URL('./', import.meta.url);
  for (let up = 0; up < 5; up++) {
    const candidate = new URL('public/data/kon-tum/', dir);
    if (existsSync(new URL('manifest.json', candidate))) return candidate;
    dir = new URL('../', dir);
  }
  return null;
}

/** SHA-256 of the sample's synthetic files: a result made from them says so (none without the sample). */
async function sampleHashes(): Promise<Set<string>> {
  const dir = sampleDir();
  if (!dir) return new Set();
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as { layers?: Record<string, { file?: unknown; real?: unknown }> };
  const files = Object.values(manifest.layers ?? {}).flatMap((l) => (l.real === false && typeof l.file === 'string' ? [l.file] : []));
  return new Set(await Promise.all(files.map((file) => sha256Hex(readFileSync(new URL(file, dir))))));
}

function readPlan(path: string | null): ReportPlan | null {
  if (path === null) return null;
  const file = readFile(path, '--plan');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (error) {
    throw new CliInputError(`--plan ${path}: not valid JSON (${oneLine(error)}); a plan is {"name": "…", "targets": {…}}.`);
  }
  try {
    return parsePlan(json, path);
  } catch (error) {
    throw new CliInputError(oneLine(error));
  }
}

/** `vunglom report`. */
export async function runReport(args: ReportArgs, ctx: CliContext): Promise<void> {
  ctx.step('reading the gap lists', 'read');
  const current = readFile(args.gaps, '--gaps');
  const previous = args.previous.map((p) => readFile(p, '--previous'));
  const plan = readPlan(args.plan);
  const synthetic = await sampleHashes();

  ctx.step('making the report', 'compute');
  let made: ReturnType<typeof reportFromFiles>;
  try {
    made = reportFromFiles(current, previous, { lang: args.lang ?? 'vi', plan, syntheticSha256: synthetic });
  } catch (error) {
    // A file that is not a gap list is the user's to fix: one line, exit 2.
    if (error instanceof ResultFileError) throw new CliInputError(error.message);
    throw error;
  }

  ctx.step('writing the report', 'write');
  writeOutput('--out', args.out, made.html);
  if (args.json !== null) writeOutput('--json', args.json, `${JSON.stringify(made.summary, null, 2)}\n`);
  const k = made.summary.kpis;
  const c = made.model.comparison;
  const since = c
    ? `; since ${c.previous.name}: mobile gained ${c.mobile.gained.length}, lost ${c.mobile.lost.length}; FTTH gained ${c.ftth.gained.length}, lost ${c.ftth.lost.length}` +
      (c.warnings.length > 0 ? ` (warnings: ${c.warnings.map((w) => w.code).join(', ')})` : '')
    : '';
  ctx.say(`report: ${k.villages ?? '?'} villages, ${k.trangSong ?? '?'} trắng sóng, ${k.lomSong ?? '?'} lõm sóng${since} → ${args.out}${args.json ? `, ${args.json}` : ''}`);
}
