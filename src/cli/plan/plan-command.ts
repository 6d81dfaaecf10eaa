/** `vunglom plan`: its options and help (light: the work is in run-plan.ts, loaded when it runs). */
import { defineCommand } from '../command.ts';
import { PLAN_OPTIONS } from './plan-options.ts';

export const planCommand = defineCommand({
  name: 'plan',
  summary: 'propose shared and new sites for an operator to reach a target',
  about:
    'Proposes the fewest additions that reach the target for an operator, sharing existing sites of\n' +
    'other operators before building new ones. The output is a BTS file: give it to analyze as a\n' +
    'second --bts.',
  options: PLAN_OPTIONS,
  examples: [
    'plan --villages villages.fgb --bts bts.fgb --settlements settlements.fgb --operator Viettel --target 1.0 --out viettel-plan.geojson',
    'plan --villages villages.fgb --bts bts.fgb --operator any --target 0.95 --target-measure population --max-sites 20 --out plan.geojson',
  ],
  load: async () => (await import('./run-plan.ts')).runPlan,
});
