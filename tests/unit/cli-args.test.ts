import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/parse-args.ts';

describe('vunglom analyze arguments', () => {
  it('takes repeated inputs and the optional outputs', () => {
    const a = parseArgs(['analyze', '--villages', 'v.fgb', '--bts', 'a.csv', '--bts', 'b.fgb', '--fibre', 'f.geojson', '--out', 'g.geojson', '--gaps-only', '--csv', 'g.csv']);
    expect(a).toMatchObject({ villages: 'v.fgb', bts: ['a.csv', 'b.fgb'], fibre: ['f.geojson'], settlements: [], out: 'g.geojson', csv: 'g.csv', gapsOnly: true, config: null, threads: null });
  });

  it('says what is missing or wrong in one sentence', () => {
    const cases: [string[], RegExp][] = [
      [[], /No command/],
      [['plot'], /Unknown command "plot"/],
      [['analyze', '--bts', 'b', '--out', 'o'], /Missing --villages/],
      [['analyze', '--villages', 'v', '--out', 'o'], /Missing --bts/],
      [['analyze', '--villages', 'v', '--bts', 'b'], /Missing --out/],
      [['analyze', '--villages', 'v', '--bts', 'b', '--out'], /--out needs a value/],
      [['analyze', '--villages', 'v', '--villages', 'w', '--bts', 'b', '--out', 'o'], /given twice/],
      [['analyze', '--village', 'v'], /Unknown option "--village"/],
      [['analyze', '--villages', 'v', '--bts', 'b', '--out', 'o', '--threads', '0'], /--threads/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    }
  });
});
