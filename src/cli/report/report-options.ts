/** The options of `vunglom report`, and what they parse to (the command and its run both read them). */
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
