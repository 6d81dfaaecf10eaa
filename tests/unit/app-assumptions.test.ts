import { describe, expect, test } from 'vitest';
import { chooseInitialParams } from '../../src/app/planner/assumptions.ts';
import { decodeParams, encodeParams, mergeParams, paramsDiff, sameParams } from '../../src/app/planner/assumptions-codec.ts';
import { withParams, readParamsText } from '../../src/app/shell/url-state.ts';
import { defaultParams } from '../../src/core/params.ts';

describe('assumptions in a link', () => {
  test('the defaults encode to nothing, a change to only what differs', () => {
    expect(encodeParams(defaultParams())).toBe('');
    const p = { ...defaultParams(), ftthReachM: 3000, radiusM: { ...defaultParams().radiusM, '4G': 5000 } };
    expect(paramsDiff(p)).toEqual({ radiusM: { '4G': 5000 }, ftthReachM: 3000 });
    expect(decodeParams(encodeParams(p))).toEqual(p);
  });

  test('every field round-trips', () => {
    const p = {
      radiusM: { '2G': 10, '3G': 20, '4G': 30, '5G': 40 },
      broadbandTechs: ['3G', '4G', '5G'] as ('3G' | '4G' | '5G')[],
      sectors: false,
      ftthReachM: 250,
      ftthThreshold: 0.25,
      coverageMeasure: 'centre' as const,
      coverageThreshold: 1,
      siteMergeM: 0,
      personsPerHousehold: 4.2,
      terrain: {
        antennaHeightM: { '2G': 40, '3G': 30, '4G': 45, '5G': 20 },
        receiverHeightM: 3,
        kFactor: 1,
        criterion: 'path-loss' as const,
        fresnelClearance: 0.6,
        pathLossModel: 'free-space' as const,
        environment: 'urban' as const,
        maxPathLossDb: 130,
        bandMhz: { '2G': 900, '3G': 2100, '4G': 2600, '5G': 3500 },
      },
    };
    expect(decodeParams(encodeParams(p))).toEqual(p);
    expect(sameParams(decodeParams(encodeParams(p)), p)).toBe(true);
  });

  test('an empty list of broadband technologies is refused with a sentence (nothing would count as covered)', () => {
    const p = { ...defaultParams(), broadbandTechs: [] };
    expect(() => decodeParams(encodeParams(p))).toThrow(/"broadbandTechs" is empty: name at least one technology/);
  });

  test('bad text says what is wrong', () => {
    expect(() => decodeParams('{ftth')).toThrow(/not valid JSON/);
    expect(() => decodeParams('{"ftthReachM":-1}')).toThrow(/"ftthReachM" must be a number between 10 and 10,000 m, got -1/);
    expect(() => decodeParams('{"reach":1}')).toThrow(/Unknown configuration key "reach"/);
  });

  test('a partial change merges over a base, radius per technology included', () => {
    const base = { ...defaultParams(), ftthReachM: 800, radiusM: { ...defaultParams().radiusM, '2G': 9000 } };
    const merged = mergeParams({ radiusM: { '4G': 4000 } }, base);
    expect(merged.ftthReachM).toBe(800);
    expect(merged.radiusM).toEqual({ ...defaultParams().radiusM, '2G': 9000, '4G': 4000 });
    expect(mergeParams(null, base)).toEqual(base);
  });

  test('the URL keeps its other parameters; reset drops params and config', () => {
    const href = 'http://h/app/?villages=v.fgb&config=c.json&lang=en';
    const withP = withParams(href, '{"ftthReachM":3000}');
    expect(readParamsText(new URL(withP).search)).toBe('{"ftthReachM":3000}');
    expect(new URL(withP).searchParams.get('villages')).toBe('v.fgb');
    const reset = withParams(withP, '', { dropConfig: true });
    expect(new URL(reset).searchParams.has('params')).toBe(false);
    expect(new URL(reset).searchParams.has('config')).toBe(false);
    expect(new URL(reset).searchParams.get('lang')).toBe('en');
  });
});

describe('where the starting assumptions come from', () => {
  const stored = { ftthReachM: 2000 };

  test('the link wins over this browser', () => {
    const r = chooseInitialParams({ urlText: '{"ftthReachM":3000}', config: undefined, stored });
    expect(r).toMatchObject({ origin: 'url', error: null });
    expect(r.params.ftthReachM).toBe(3000);
  });

  test('?params= applies over ?config=', () => {
    const r = chooseInitialParams({ urlText: '{"siteMergeM":10}', config: { ftthReachM: 700 }, stored });
    expect(r.params).toMatchObject({ ftthReachM: 700, siteMergeM: 10 });
  });

  test('a config file alone beats what this browser remembered', () => {
    const r = chooseInitialParams({ urlText: null, config: { ftthReachM: 700 }, stored });
    expect(r).toMatchObject({ origin: 'config', params: { ftthReachM: 700 } });
  });

  test('without a link, what this browser remembered; else the defaults', () => {
    expect(chooseInitialParams({ urlText: null, config: undefined, stored }).params.ftthReachM).toBe(2000);
    expect(chooseInitialParams({ urlText: null, config: undefined, stored: null })).toEqual({
      params: defaultParams(),
      origin: 'defaults',
      error: null,
    });
  });

  test('a bad value is reported with its source and does not stop the page', () => {
    const fromUrl = chooseInitialParams({ urlText: '{"coverageMeasure":"vibes"}', config: undefined, stored });
    expect(fromUrl.error).toEqual({ source: 'url', message: expect.stringMatching(/"coverageMeasure" must be one of area, population, centre/) });
    expect(fromUrl.params).toEqual(defaultParams());
    const fromStorage = chooseInitialParams({ urlText: null, config: undefined, stored: { ftthThreshold: 5 } });
    expect(fromStorage.error?.source).toBe('storage');
    const fromConfig = chooseInitialParams({ urlText: null, config: [1], stored: null });
    expect(fromConfig.error?.source).toBe('config');
    expect(fromConfig.params).toEqual(defaultParams());
  });
});

describe('the README defaults table is what the panel starts with', () => {
  test('each default appears in README "Assumptions"', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Assumptions'), readme.indexOf('## Data sources'));
    const d = defaultParams();
    const km = (m: number): string => `${m / 1000} km`;
    expect(table).toContain(`| ${d.broadbandTechs.join(', ')} |`);
    expect(table).toContain(`2G ${km(d.radiusM['2G'])}, 3G ${km(d.radiusM['3G'])}, 4G ${km(d.radiusM['4G'])}, 5G ${km(d.radiusM['5G'])}`);
    expect(table).toContain(`sectors | ${d.sectors ? 'on' : 'off'}`);
    expect(table).toContain(`≥ ${d.coverageThreshold * 100}% of the village's ${d.coverageMeasure === 'population' ? 'populated weight' : d.coverageMeasure}`);
    expect(table).toContain(`FTTH reach | ${d.ftthReachM.toLocaleString('en-GB')} m`);
    expect(table).toContain(`≥ ${d.ftthThreshold * 100}% of the populated weight within reach`);
    expect(table).toContain(`within ${d.siteMergeM} m`);
  });
});
