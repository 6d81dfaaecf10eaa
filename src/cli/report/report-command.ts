/** `vunglom report`: its options and help (light: the work is in run-report.ts, loaded when it runs). */
import { defineCommand } from '../command.ts';
import { listOption, oneOf, parsedOption, valueOption, type OptionValues } from '../option-spec.ts';

export const REPORT_OPTIONS = {
  gaps: valueOption('--gaps', 'NOW.geojson', "this quarter's gap list (the GeoJSON or CSV analyze or the app wrote)", { required: true }),
  previous: listOption('--previous', 'EARLIER.geojson', 'an earlier gap list: the latest is compared with, all of them make the trend'),
  lang: parsedOption('--lang', 'vi|en', 'the language of the report (default vi)', oneOf(['vi', 'en'] as const)),
  plan: valueOption('--plan', 'plan.json', 'the plan\'s targets: {"name": "…", "targets": {"mobile-villages-pct": 100, …}}'),
  out: valueOption('--out', 'report.html', 'where to write the report (one HTML file; print it to PDF in a browser)', { required: true, output: true }),
  json: valueOption('--json', 'summary.json', 'also write the summary: KPIs, the per-unit table, the changes as village ids', { output: true }),
};

/** What `vunglom report` was asked to do. */
export type ReportArgs = OptionValues<typeof REPORT_OPTIONS>;

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
