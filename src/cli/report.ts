import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sha256Hex } from '../core/output/run-metadata.ts';
import { ResultFileError } from '../core/report/read-result.ts';
import { parsePlan, reportFromFiles, type ReportFile } from '../core/report/report-from-files.ts';
import type { ReportArgs } from './report-args.ts';

/** Exit code for bad input (a one-line reason is printed), as for analyze and plan. */
const EXIT_BAD_INPUT = 2;

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** A file the report cannot use: one line, exit 2. */
class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

/** The sample shipped with the tool: its manifest says which layers are synthetic. */
const SAMPLE_DIR = new URL('../../public/data/kon-tum/', import.meta.url);

function readFile(path: string, what: string): ReportFile {
  let modified: string;
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    modified = st.mtime.toISOString();
    bytes = readFileSync(path);
  } catch {
    throw new ReportInputError(`${path}: no such file (${what}). Check the path.`);
  }
  return { name: basename(path), bytes, modified };
}

/** SHA-256 of the sample's synthetic files (none when the sample is not beside the tool). */
async function sampleHashes(): Promise<Set<string>> {
  try {
    const manifest = JSON.parse(readFileSync(new URL('manifest.json', SAMPLE_DIR), 'utf8')) as { layers?: Record<string, { file?: string; real?: boolean }> };
    const files = Object.values(manifest.layers ?? {}).filter((l) => l.real === false && typeof l.file === 'string');
    return new Set(await Promise.all(files.map(async (l) => sha256Hex(readFileSync(new URL(l.file as string, SAMPLE_DIR))))));
  } catch {
    // An installation without the sample: no input can be the sample's.
    return new Set();
  }
}

function readPlan(path: string | null) {
  if (!path) return null;
  const file = readFile(path, 'the plan');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (error) {
    throw new ReportInputError(`${path}: not valid JSON (${(error as Error).message}); a plan is {"name": …, "targets": {…}}.`);
  }
  try {
    return parsePlan(json, path);
  } catch (error) {
    throw new ReportInputError((error as Error).message);
  }
}

/** `vunglom report`: the quarterly report (HTML) and its summary (JSON) from gap lists. */
export async function runReport(args: ReportArgs): Promise<number> {
  try {
    const current = readFile(args.gaps, '--gaps');
    const previous = args.previous.map((p) => readFile(p, '--previous'));
    const plan = readPlan(args.plan);
    const { model, html, summary } = reportFromFiles(current, previous, { lang: args.lang, plan, syntheticSha256: await sampleHashes() });
    writeFileSync(args.out, html);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(summary, null, 2)}\n`);
    const k = summary.kpis;
    const c = model.comparison;
    const changes = c
      ? `; since ${c.previous.name}: mobile gained ${c.mobile.gained.length}, lost ${c.mobile.lost.length}; FTTH gained ${c.ftth.gained.length}, lost ${c.ftth.lost.length}` +
        (c.warnings.length > 0 ? ` (warnings: ${c.warnings.map((w) => w.code).join(', ')})` : '')
      : '';
    say(
      `report: ${k.villages ?? '?'} villages, ${k.trangSong ?? '?'} trắng sóng, ${k.lomSong ?? '?'} lõm sóng${changes} → ${args.out}${args.json ? `, ${args.json}` : ''}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ResultFileError || error instanceof ReportInputError) {
      say(`vunglom: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
