/** `vunglom report`: its options and help (light: the work is in run-report.ts, loaded when it runs). */
import { defineCommand } from '../command.ts';
import { REPORT_OPTIONS } from './report-options.ts';

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'write the quarterly report of a gap list, and what changed since earlier ones',
  about:
    'Writes the report a province files every quarter from a gap list: KPIs against the plan, the\n' +
    'change since the latest earlier gap list and the trend over all of them, tables per commune (and\n' +
    'district), and the trắng sóng and lõm sóng villages with who closes each. The same document the\n' +
    "app prints, without the map figure (the app captures it from the live map).",
  options: REPORT_OPTIONS,
  examples: [
    'report --gaps gaps-q4.geojson --previous gaps-q3.geojson --out report.html --json summary.json',
    'report --gaps gaps-q4.geojson --previous gaps-q2.csv --previous gaps-q3.geojson --lang en --plan plan.json --out report-en.html',
  ],
  load: async () => (await import('./run-report.ts')).runReport,
});
