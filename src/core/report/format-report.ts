import type { ReportLang } from './i18n-report.ts';

/**
 * Numbers, shares and dates as the report prints them, the same in Node and in every browser
 * (written out here rather than through Intl, whose output differs between ICU builds): Vietnamese
 * "1.234,5", English "1,234.5"; dates in Vietnam's time (UTC+7), "29/11/2026" and "2026-11-29".
 */

/** "—" for an unknown value. */
export const UNKNOWN = '—';

/** `value` with `decimals` fixed decimals and the language's separators. */
export function formatNumber(value: number | null, lang: ReportLang, decimals = 0): string {
  if (value === null || !Number.isFinite(value)) return UNKNOWN;
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, frac] = fixed.split('.');
  const group = lang === 'vi' ? '.' : ',';
  const point = lang === 'vi' ? ',' : '.';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '−' : ''}${grouped}${frac ? point + frac : ''}`;
}

/** A percentage (0–100) with one decimal: "96,1%". */
export function formatPct(value: number | null, lang: ReportLang): string {
  return value === null || !Number.isFinite(value) ? UNKNOWN : `${formatNumber(value, lang, 1)}%`;
}

/** A signed change: "+3", "−1,2 điểm %" (percentage points), "0". */
export function formatDelta(value: number | null, lang: ReportLang, options: { percent: boolean }): string {
  if (value === null || !Number.isFinite(value)) return UNKNOWN;
  const decimals = options.percent ? 1 : 0;
  const text = formatNumber(value, lang, decimals);
  const zero = Number(Math.abs(value).toFixed(decimals)) === 0;
  const signed = zero ? formatNumber(0, lang, decimals) : value > 0 ? `+${text}` : text;
  return options.percent ? `${signed} ${lang === 'vi' ? 'điểm %' : 'pp'}` : signed;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** A date in Vietnam's time; UNKNOWN when it is not a date. */
export function formatDate(iso: string | null, lang: ReportLang): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return UNKNOWN;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const yyyy = String(d.getUTCFullYear());
  return lang === 'vi' ? `${dd}/${mm}/${yyyy}` : `${yyyy}-${mm}-${dd}`;
}

/** A file size: "824 B", "3,1 MB". */
export function formatBytes(bytes: number | null, lang: ReportLang): string {
  if (bytes === null || !Number.isFinite(bytes)) return UNKNOWN;
  if (bytes < 1024) return `${formatNumber(bytes, lang)} B`;
  if (bytes < 1024 ** 2) return `${formatNumber(bytes / 1024, lang, 1)} kB`;
  return `${formatNumber(bytes / 1024 ** 2, lang, 1)} MB`;
}

/** Text made safe for HTML (element content and quoted attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
