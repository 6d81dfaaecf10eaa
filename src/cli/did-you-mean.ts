/** "Did you mean …?" for misspelt commands and options. */

/** Edit distance with transpositions (optimal string alignment): "--vilages" → "--villages" is 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The candidate a mistyped `word` most likely meant, or null when none is close: within a third of
 * its length in edits (at least 1, at most 3), or a candidate it starts (a shortened `--vill`).
 * Case and leading dashes are ignored, so `-Villages` finds `--villages`.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const bare = (s: string): string => s.replace(/^-+/, '').toLowerCase();
  const w = bare(word);
  if (w === '') return null;
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const b = bare(c);
    const distance = editDistance(w, b);
    const limit = Math.min(3, Math.max(1, Math.floor(b.length / 3)));
    // A prefix of three letters or more (`--vill`) is close too, ranked as the farthest edit allowed.
    const score = distance <= limit ? distance : w.length >= 3 && b.startsWith(w) ? limit : Infinity;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
