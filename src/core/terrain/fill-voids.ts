import { isVoid, type DemRaster } from './dem-raster.ts';

/**
 * How far (in posts) a void is filled from the measured posts around it. SRTM's voids are mostly
 * small (steep slopes, radar shadow); srtm2sdf, SPLAT!'s converter, fills them by averaging their
 * neighbours, and so do we, ring by ring from the void's edge. A void wider than twice this stays a
 * void at its core: its elevation is unknown, and a site whose reach crosses it falls back to its
 * disk (and says so) rather than trusting a surface we made up.
 */
export const MAX_FILL_POSTS = 8;

/**
 * Fills the voids of `r` within {@link MAX_FILL_POSTS} of measured posts with the mean of their
 * already-known 8-neighbours, ring by ring, in place. Sets `r.voids` and `r.filled`.
 */
export function fillVoids(r: DemRaster): void {
  const { width, height, data } = r;
  const n = width * height;
  let frontier: number[] = [];
  r.voids = 0;
  r.filled = 0;
  // Most tiles have none: find the first void before allocating anything.
  let first = 0;
  while (first < n && !isVoid(r, data[first])) first++;
  if (first === n) return;
  const isVoidAt = new Uint8Array(n);
  let voids = 0;
  for (let k = first; k < n; k++) {
    if (isVoid(r, data[k])) {
      isVoidAt[k] = 1;
      voids++;
    }
  }
  r.voids = voids;
  if (voids === n) return;
  for (let k = 0; k < n; k++) if (isVoidAt[k] && hasKnownNeighbour(k, width, height, isVoidAt)) frontier.push(k);
  const round = data instanceof Int16Array;
  let filled = 0;
  const values: number[] = [];
  for (let ring = 0; ring < MAX_FILL_POSTS && frontier.length > 0; ring++) {
    values.length = 0;
    for (const k of frontier) values.push(neighbourMean(k, width, height, isVoidAt, data));
    for (let q = 0; q < frontier.length; q++) {
      const k = frontier[q];
      data[k] = round ? Math.round(values[q]) : values[q];
      isVoidAt[k] = 0;
    }
    filled += frontier.length;
    const next = new Set<number>();
    for (const k of frontier) {
      forNeighbours(k, width, height, (m) => {
        if (isVoidAt[m]) next.add(m);
      });
    }
    frontier = [...next];
  }
  r.filled = filled;
}

function forNeighbours(k: number, width: number, height: number, visit: (m: number) => void): void {
  const i = Math.floor(k / width);
  const j = k - i * width;
  for (let di = -1; di <= 1; di++) {
    const ii = i + di;
    if (ii < 0 || ii >= height) continue;
    for (let dj = -1; dj <= 1; dj++) {
      const jj = j + dj;
      if ((di === 0 && dj === 0) || jj < 0 || jj >= width) continue;
      visit(ii * width + jj);
    }
  }
}

function hasKnownNeighbour(k: number, width: number, height: number, isVoidAt: Uint8Array): boolean {
  let known = false;
  forNeighbours(k, width, height, (m) => {
    if (!isVoidAt[m]) known = true;
  });
  return known;
}

function neighbourMean(k: number, width: number, height: number, isVoidAt: Uint8Array, data: DemRaster['data']): number {
  let sum = 0;
  let count = 0;
  forNeighbours(k, width, height, (m) => {
    if (isVoidAt[m]) return;
    sum += data[m];
    count++;
  });
  return sum / count;
}
