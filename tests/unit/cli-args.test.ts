import { describe, expect, it } from 'vitest';
import { ANALYZE_OPTIONS } from '../../src/cli/analyze/analyze-options.ts';
import { UsageError } from '../../src/cli/cli-errors.ts';
import { COMMON_OPTIONS } from '../../src/cli/command.ts';
import { closest, editDistance } from '../../src/cli/did-you-mean.ts';
import { parseOptions } from '../../src/cli/parse-options.ts';
import { PLAN_OPTIONS } from '../../src/cli/plan/plan-options.ts';

const analyze = (argv: string[]) => parseOptions(ANALYZE_OPTIONS, COMMON_OPTIONS, argv, { command: 'analyze', elsewhere: new Map([['--operator', 'plan']]) });
const plan = (argv: string[]) => parseOptions(PLAN_OPTIONS, COMMON_OPTIONS, argv, { command: 'plan' });

describe('vunglom analyze arguments', () => {
  it('takes repeated inputs, the optional outputs, --flag=value and the common flags', () => {
    const { values, common, outputs } = analyze(['--villages', 'v.fgb', '--bts', 'a.csv', '--bts=b.fgb', '--fibre', 'f.geojson', '--out', 'g.geojson', '--gaps-only', '--csv', 'g.csv', '--timings']);
    expect(values).toEqual({
      villages: 'v.fgb', bts: ['a.csv', 'b.fgb'], fibre: ['f.geojson'], settlements: [], config: null, crs: null, encoding: null, dem: [], terrainCache: null,
      out: 'g.geojson', format: null, outCrs: null, csv: 'g.csv', gapsOnly: true, threads: null,
    });
    expect(common).toEqual({ timings: true, debug: false });
    expect(outputs).toEqual([
      { flag: '--out', path: 'g.geojson' },
      { flag: '--csv', path: 'g.csv' },
    ]);
  });

  it('says what is missing or wrong in one sentence, naming the fix', () => {
    const cases: [string[], RegExp][] = [
      [['--bts', 'b', '--out', 'o'], /^Missing --villages: the village polygons/],
      [['--villages', 'v', '--out', 'o'], /^Missing --bts/],
      [['--villages', 'v', '--bts', 'b'], /^Missing --out/],
      [['--villages', 'v', '--bts', 'b', '--out'], /--out needs a value \(FILE\)/],
      [['--villages', 'v', '--bts', 'b', '--out', '--csv', 'c'], /--out needs a value/],
      [['--villages', 'v', '--villages', 'w', '--bts', 'b', '--out', 'o'], /--villages is given twice \("v", "w"\)/],
      [['--vilages', 'v'], /Unknown option "--vilages" for analyze: did you mean --villages\?/],
      [['--Villages', 'v'], /did you mean --villages\?/],
      [['--setlements', 's'], /did you mean --settlements\?/],
      [['--thread', '2'], /did you mean --threads\?/],
      [['--gaps-olny'], /did you mean --gaps-only\?/],
      [['--zzz'], /Unknown option "--zzz" for analyze\. See vunglom help analyze/],
      [['--operator', 'Viettel'], /--operator belongs to "vunglom plan", not to analyze/],
      [['villages.fgb'], /Unexpected "villages\.fgb" for analyze: every value follows its option/],
      [['--gaps-only=yes'], /--gaps-only takes no value/],
      [['--villages', 'v', '--bts', 'b', '--out', 'o', '--threads', '0'], /--threads must be a whole number ≥ 1, got "0"/],
      [['--villages', 'v', '--bts', 'b', '--out', 'o', '--threads', 'two'], /--threads must be a whole number/],
    ];
    for (const [argv, message] of cases) {
      expect(() => analyze(argv), argv.join(' ')).toThrow(UsageError);
      expect(() => analyze(argv), argv.join(' ')).toThrow(message);
    }
  });
});

describe('vunglom plan arguments', () => {
  it('parses the plan options with their types', () => {
    expect(plan(['--villages', 'v', '--bts', 'b', '--operator', 'any', '--target', '0.95', '--max-sites', '10', '--out', 'p.geojson']).values).toMatchObject({
      operator: 'any',
      target: 0.95,
      targetMeasure: null,
      maxSites: 10,
      out: 'p.geojson',
      gaps: null,
    });
    expect(plan(['--villages', 'v', '--bts', 'b', '--operator', 'any', '--target', '1', '--target-measure', 'population', '--out', 'p', '--gaps', 'g']).outputs.map((o) => o.flag)).toEqual(['--out', '--gaps']);
  });

  it('refuses a bad target, measure or count', () => {
    const base = ['--villages', 'v', '--bts', 'b', '--operator', 'any', '--out', 'p'];
    expect(() => plan([...base, '--target', '95'])).toThrow(/--target must be a share between 0 and 1/);
    expect(() => plan([...base, '--target', ''])).toThrow(/--target must be a share/);
    expect(() => plan([...base, '--target', '1', '--target-measure', 'people'])).toThrow(/--target-measure must be "villages" or "population", got "people"/);
    expect(() => plan([...base, '--target', '1', '--max-sites', '-1'])).toThrow(/--max-sites must be a whole number ≥ 0/);
    expect(() => plan([...base])).toThrow(/Missing --target/);
  });
});

describe('did you mean', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('--vilalges', '--villages')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('finds the closest name, a prefix, or nothing when nothing is close', () => {
    const commands = ['analyze', 'plan', 'help'];
    expect(closest('anlyze', commands)).toBe('analyze');
    expect(closest('analyse', commands)).toBe('analyze');
    expect(closest('pln', commands)).toBe('plan');
    expect(closest('report', commands)).toBeNull();
    expect(closest('--vill', ['--villages', '--bts'])).toBe('--villages');
    expect(closest('-out', ['--out', '--csv'])).toBe('--out');
    expect(closest('x', ['--out', '--csv'])).toBeNull();
  });
});
