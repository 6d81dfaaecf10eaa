/**
 * Short distances on the WGS84 ellipsoid (fibre drop reach, site merging: metres to a few km) from
 * the radii of curvature; tests check them against geographiclib's geodesics.
 */
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

export interface MetresPerDegree {
  x: number;
  y: number;
}

/** Metres per degree of longitude (x) and latitude (y) at `latDeg`. */
export function metresPerDegree(latDeg: number): MetresPerDegree {
  const s = Math.sin(latDeg * RAD);
  const w = Math.sqrt(1 - E2 * s * s);
  const n = A / w; // prime vertical radius of curvature
  const m = (A * (1 - E2)) / (w * w * w); // meridional radius of curvature
  return { x: n * Math.cos(latDeg * RAD) * RAD, y: m * RAD };
}

/**
 * Distance in metres from point P to segment AB, all in lon/lat degrees. The closest point C is found
 * in the tangent plane at P; the distance P–C is then measured with the scale at their mean latitude,
 * which makes it second-order accurate (≲ 1e-6 relative up to 10 km). Longitude differences are taken
 * across the antimeridian the short way.
 */
export function pointSegmentMetres(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  k: MetresPerDegree,
): number {
  const x1 = wrapLon(ax - px);
  const y1 = ay - py;
  const x2 = wrapLon(bx - px);
  const y2 = by - py;
  const dx = (x2 - x1) * k.x;
  const dy = (y2 - y1) * k.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(x1 * k.x * dx + y1 * k.y * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const cx = x1 + t * (x2 - x1);
  const cy = y1 + t * (y2 - y1);
  const km = metresPerDegree(py + cy / 2);
  return Math.hypot(cx * km.x, cy * km.y);
}

function wrapLon(d: number): number {
  if (d > 180) return d - 360;
  if (d < -180) return d + 360;
  return d;
}
