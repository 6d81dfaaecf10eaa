/** `vunglom analyze`: its options and help (light: the work is in run-analyze.ts, loaded when it runs). */
import { defineCommand } from '../command.ts';
import { ANALYZE_OPTIONS } from './analyze-options.ts';

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: "the gap list: every village's mobile broadband and FTTH coverage",
  about:
    'Measures every village by area, population and centre, per operator and technology, and FTTH reach;\n' +
    'writes the gap list (GeoJSON, and CSV with --csv) with the parameters, input hashes and KPIs.',
  options: ANALYZE_OPTIONS,
  examples: [
    'analyze --villages villages.fgb --bts bts.fgb --fibre fibre.geojson --settlements settlements.fgb --out gaps.geojson --csv gaps.csv',
    'analyze --villages villages.fgb --bts bts.fgb --bts opencellid.csv --config params.json --out gaps.geojson --gaps-only',
  ],
  load: async () => (await import('./run-analyze.ts')).runAnalyze,
});
