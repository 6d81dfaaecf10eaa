/**
 * A number with its thousands grouped by commas, as English messages write it ("150,000",
 * "-1,234.5"). Written out because the first `toLocaleString` of a process loads ICU's locale data
 * (~20–35 ms measured on the CLI's path), more than a whole small run's reading.
 */
export function groupDigits(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const [whole, fraction] = String(Math.abs(x)).split('.');
  if (whole.includes('e')) return String(x);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${x < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
