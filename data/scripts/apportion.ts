/**
 * Largest-remainder apportionment: splits an integer total in proportion to weights so that the
 * parts are integers summing to the total EXACTLY. Ties go to the lower index (deterministic).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: total ${total} must be a non-negative integer`);
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new Error(`apportion: cannot split ${total} over no parts`);
  }
  let sum = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`apportion: weight ${w} must be finite and ≥ 0`);
    sum += w;
  }
  const ws = sum > 0 ? weights : weights.map(() => 1);
  const wsum = sum > 0 ? sum : weights.length;
  const parts = ws.map((w) => Math.floor((total * w) / wsum));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = ws
    .map((w, i) => ({ i, r: (total * w) / wsum - parts[i] }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i]++;
  return parts;
}
