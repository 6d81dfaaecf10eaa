import { describe, expect, test } from 'vitest';
import { ANALYSIS_EN, ANALYSIS_VI } from '../../src/app/analysis/i18n-analysis.ts';
import { OPERATOR_EN, OPERATOR_VI } from '../../src/app/operator/i18n-operator.ts';
import { OWN_DATA_EN, OWN_DATA_VI } from '../../src/app/own-data/i18n-own-data.ts';
import { PLANNER_EN, PLANNER_VI } from '../../src/app/planner/i18n-planner.ts';
import { REPORT_EN, REPORT_VI } from '../../src/app/report/i18n-report.ts';
import { TERRAIN_EN, TERRAIN_VI } from '../../src/app/planner/i18n-terrain.ts';
import { SHELL_EN, SHELL_VI } from '../../src/app/shell/i18n-shell.ts';
import { LAYERS_EN, LAYERS_VI } from '../../src/app/shell/i18n-layers.ts';
import { FORMATS_EN, FORMATS_VI } from '../../src/app/own-data/i18n-formats.ts';
import { setLang, t } from '../../src/app/shell/i18n.ts';

/** Each group's messages: both languages, the same placeholders, no key in two groups; one `t()` reads them all. */

const GROUPS: Record<string, [Record<string, string>, Record<string, string>]> = {
  shell: [SHELL_VI, SHELL_EN],
  analysis: [ANALYSIS_VI, ANALYSIS_EN],
  planner: [PLANNER_VI, PLANNER_EN],
  operator: [OPERATOR_VI, OPERATOR_EN],
  'own-data': [OWN_DATA_VI, OWN_DATA_EN],
  'own-data formats': [FORMATS_VI, FORMATS_EN],
  'shell layers': [LAYERS_VI, LAYERS_EN],
  report: [REPORT_VI, REPORT_EN],
  'planner terrain': [TERRAIN_VI, TERRAIN_EN],
};

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the app’s messages', () => {
  test.each(Object.entries(GROUPS))('%s: every message in both languages, with the same placeholders', (_group, [vi, en]) => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(text));
    }
  });

  test('no key is in two groups, and t() finds every group’s in both languages', () => {
    const keys = Object.values(GROUPS).flatMap(([vi]) => Object.keys(vi));
    expect(new Set(keys).size).toBe(keys.length);
    // Storage and <html lang> are the page's; here only the dictionaries are read.
    Object.assign(globalThis, { localStorage: { setItem: () => undefined }, document: { documentElement: {} } });
    setLang('en');
    expect(t('gap.mobile')).toBe(PLANNER_EN['gap.mobile']);
    expect(t('prop.loaded', { count: 3, file: 'a.geojson' })).toBe('Loaded 3 proposed sites from a.geojson.');
    // English's singular for one, whether the count comes as a number or formatted.
    expect(t('prop.loaded', { count: 1, file: 'a.geojson' })).toBe('Loaded 1 proposed site from a.geojson.');
    expect(t('plan.to-close.sites', { count: '1' })).toBe('1 more site to share');
    expect(t('plan.to-close.villages', { count: '1,234' })).toBe('1,234 villages to go');
    expect(t('layers.settlements-outside', { count: '1', first: 's-1' })).toBe('1 settlement point lies in no village and counts for no village’s population (first: s-1).');
    setLang('vi');
    expect(t('layer.villages')).toBe(SHELL_VI['layer.villages']);
    expect(t('own.heading')).toBe(OWN_DATA_VI['own.heading']);
  });
});
