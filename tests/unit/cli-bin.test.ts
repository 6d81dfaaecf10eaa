import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSummary } from '../../src/cli/analyze/analyze-summary.ts';
import type { Kpis } from '../../src/core/kpis.ts';
import { BIN, vunglom } from '../helpers/run-cli.ts';

const K = 'public/data/kon-tum';
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const dir = mkdtempSync(join(tmpdir(), 'vunglom-bin-'));
const SMALL = ['--villages', `${K}/villages.fgb`, '--bts', `${K}/bts.fgb`];

describe('the vunglom bin, run as a user runs it', () => {
  it('answers --help, -h and help with the commands, exit 0, nothing on stderr', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = vunglom(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^vunglom ${VERSION.replace(/\./g, '\\.')}: `));
      expect(r.stdout).toMatch(/^ {2}analyze +the gap list/m);
      expect(r.stdout).toMatch(/^ {2}plan +propose shared and new sites/m);
    }
  });

  it('prints each command\'s usage and options with help <command> and <command> --help', () => {
    for (const args of [['help', 'analyze'], ['analyze', '--help'], ['analyze', '--villages', 'x', '-h']]) {
      const r = vunglom(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: vunglom analyze --villages FILE --bts FILE … --out FILE \[options\]/);
      for (const flag of ['--villages', '--bts', '--fibre', '--settlements', '--config', '--crs', '--encoding', '--out', '--format', '--out-crs', '--csv', '--gaps-only', '--threads', '--timings', '--debug']) {
        expect(r.stdout).toMatch(new RegExp(`^ {2}${flag}\\b`, 'm'));
      }
    }
    const plan = vunglom(['help', 'plan']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^usage: vunglom plan .*--operator NAME --target SHARE/);
    expect(plan.stdout).toMatch(/^ {2}--max-sites N/m);
  });

  it('prints the version of package.json', () => {
    for (const args of [['--version'], ['-V'], ['version']]) {
      const r = vunglom(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
  });

  it('suggests the command or option meant, exit 2, one line', () => {
    const cases: [string[], string][] = [
      [['anlyze'], 'vunglom: Unknown command "anlyze": did you mean "analyze"? The commands: analyze, plan, report, help.'],
      [['analyze', '--vilages', 'v.fgb'], 'vunglom: Unknown option "--vilages" for analyze: did you mean --villages? See vunglom help analyze.'],
      [['plan', '--operater', 'Viettel'], 'vunglom: Unknown option "--operater" for plan: did you mean --operator? See vunglom help plan.'],
      [['analyze', '--target', '1'], 'vunglom: Option --target belongs to "vunglom plan", not to analyze. See vunglom help analyze.'],
    ];
    for (const [args, line] of cases) {
      const r = vunglom(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${line}\n`);
    }
  });

  it('stops quietly when the reader of its output goes away (vunglom help analyze | head -1)', async () => {
    const child = spawn(process.execPath, [BIN, 'help', 'analyze'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('works from any folder and through a symbolic link, as npm link installs it', () => {
    const link = join(dir, 'bin', 'vunglom');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    symlinkSync(resolve(BIN), link);
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const r = spawnSync(link, ['--version'], { cwd: elsewhere, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
    // Relative input paths are the user's folder's, not the package's.
    const out = join(elsewhere, 'gaps.geojson');
    const a = spawnSync(link, ['analyze', '--villages', resolve(K, 'villages.fgb'), '--bts', resolve(K, 'bts.fgb'), '--out', 'gaps.geojson'], { cwd: elsewhere, encoding: 'utf8' });
    expect(a.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).features).toHaveLength(824);
  });
});

describe('outputs that cannot be written', () => {
  it('are refused in one line, exit 2, before any input is read', () => {
    const missing = join(dir, 'no-such-folder');
    const cases: [string[], RegExp][] = [
      [['analyze', ...SMALL, '--out', join(missing, 'gaps.geojson')], /^vunglom: --out .*no-such-folder\/gaps\.geojson: the folder .*no-such-folder does not exist: create it, or write somewhere else\.\n$/],
      [['analyze', ...SMALL, '--out', join(dir, 'ok.geojson'), '--csv', join(missing, 'gaps.csv')], /^vunglom: --csv .*: the folder .*no-such-folder does not exist/],
      [['analyze', ...SMALL, '--out', dir], /^vunglom: --out .*: that is a folder: give a file name\.\n$/],
      [['plan', ...SMALL, '--operator', 'Viettel', '--target', '1', '--out', join(missing, 'plan.geojson')], /^vunglom: --out .*no-such-folder\/plan\.geojson: the folder/],
      [['plan', ...SMALL, '--operator', 'Viettel', '--target', '1', '--out', join(dir, 'p.geojson'), '--gaps', join(missing, 'g.geojson')], /^vunglom: --gaps .*: the folder/],
      // The check comes before the inputs: a missing input is not what is reported.
      [['analyze', '--villages', 'nope.fgb', '--bts', 'nope.fgb', '--out', join(missing, 'gaps.geojson')], /^vunglom: --out .*: the folder .*does not exist/],
    ];
    for (const [args, message] of cases) {
      const r = vunglom(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'ok.geojson'))).toBe(false);
    expect(existsSync(join(dir, 'p.geojson'))).toBe(false);
  });

  it('are refused in a folder the user may not write in', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    chmodSync(dir, 0o755);
    // Root may write anywhere: run as "nobody" then, as a user without the rights would.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = vunglom(['analyze', ...SMALL.map((a) => (a.startsWith(K) ? resolve(a) : a)), '--out', join(locked, 'gaps.geojson')], { ...asUser, cwd: resolve('.') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vunglom: --out .*locked\/gaps\.geojson: no permission to write in .*locked\.\n$/);
  });
});

describe('the closing line', () => {
  const kpis: Kpis = {
    villages: 120,
    mobileVillages: 100,
    ftthKnown: true,
    ftthVillages: 0,
    mobileVillagesPct: 83.33,
    ftthVillagesPct: 50,
    householdsFibrePct: 40,
    physicalSites: 10,
    sharedSites: 1,
    sharedSitesPct: 10,
    gapMobile: 20,
    gapFtth: 0,
    gapBoth: 0,
    trangSong: 0,
    lomSong: 0,
    households: { total: 1000, reached: 400, estimated: 0, unknownVillages: 0 },
  };

  it('says FTTH is unknown when there was no fibre layer, and gives it otherwise', () => {
    const files = ['gaps.geojson', 'gaps.csv'];
    const unknown = { ...kpis, ftthKnown: false, ftthVillages: null, ftthVillagesPct: null, householdsFibrePct: null, gapFtth: null, gapBoth: null };
    expect(analyzeSummary(unknown, { seconds: 1.234, files })).toBe(
      'done in 1.23 s: 120 villages; mobile broadband 83.3%, FTTH: unknown (no fibre layer), shared sites 10.0%; gaps: 20 mobile → gaps.geojson, gaps.csv',
    );
    expect(analyzeSummary(kpis, { seconds: 2, files: ['g.geojson'] })).toMatch(/mobile broadband 83\.3%, FTTH 50\.0%, households within fibre reach 40\.0%, shared/);
  });

  it('names the layers the analysis ran on and what a missing one means', () => {
    const r = vunglom(['analyze', ...SMALL, '--out', join(dir, 'no-fibre.geojson')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^layers: villages 824 \(.*\); BTS 1,322 records \(.*\); fibre: none given, so FTTH is unknown; settlements: none given, so each village's people are taken as spread over its area$/m);
  });
});
