import { DEG, WGS84_A, WGS84_E, WGS84_E2 } from './ellipsoid.ts';

/**
 * A local conformal frame: oblique stereographic projection on the Gauss conformal sphere (EPSG
 * method 9809, "Oblique Stereographic", as in RD New / Stereo 70), WGS84, scale 1 at the centre, x
 * east and y north in metres at the centre.
 *
 * Why this frame: it is conformal (angles kept, so a geodesic circle stays a circle to ~1e-12) and
 * its scale grows only as 1 + (d / 2R)² with the distance d from the centre (1.4e-6 at 15 km), the
 * same for every direction. The Gauss sphere matches the ellipsoid's curvature at the centre, so
 * distances on it differ from ellipsoidal geodesics only at third order in the latitude offset.
 *
 * One object is reused for many centres (`setCentre`) so the hot path allocates nothing.
 */
export class ConformalFrame {
  /** Longitude of the centre (degrees). */
  lon0 = 0;
  /** Latitude of the centre (degrees). */
  lat0 = 0;
  /** Radius of the Gauss conformal sphere (m). */
  radius = WGS84_A;
  private n = 1;
  private halfLnC = 0;
  private sinChi0 = 0;
  private cosChi0 = 1;
  private readonly tmp = new Float64Array(2);
  private readonly terms = new Float64Array(2);

  constructor(lon0: number, lat0: number) {
    this.setCentre(lon0, lat0);
  }

  /** Moves the frame's centre; the frame then answers for the new centre only. */
  setCentre(lon0: number, lat0: number): this {
    if (!(Math.abs(lat0) <= 89.9) || !Number.isFinite(lon0)) {
      throw new RangeError(
        `Conformal frame centre (${lon0}, ${lat0}) is not usable: the latitude must be within ±89.9° ` +
          'and both values finite (check that coordinates are lon/lat degrees, lon first).',
      );
    }
    const phi0 = lat0 * DEG;
    const s0 = Math.sin(phi0);
    const c0 = Math.cos(phi0);
    const w = 1 - WGS84_E2 * s0 * s0;
    const rho0 = (WGS84_A * (1 - WGS84_E2)) / (w * Math.sqrt(w));
    const nu0 = WGS84_A / Math.sqrt(w);
    const n = Math.sqrt(1 + (WGS84_E2 * c0 * c0 * c0 * c0) / (1 - WGS84_E2));
    const psi0 = isometricLatitude(s0);
    const sinChiA = Math.tanh(n * psi0);
    const c = ((n + s0) * (1 - sinChiA)) / ((n - s0) * (1 + sinChiA));
    this.lon0 = lon0;
    this.lat0 = lat0;
    this.radius = Math.sqrt(rho0 * nu0);
    this.n = n;
    this.halfLnC = 0.5 * Math.log(c);
    const z0 = n * psi0 + this.halfLnC;
    this.sinChi0 = Math.tanh(z0);
    this.cosChi0 = 1 / Math.cosh(z0);
    return this;
  }

  /** Projects (lon, lat) degrees; writes x, y (m) into `out[offset]`, `out[offset + 1]`. */
  forward(lon: number, lat: number, out: Float64Array | number[], offset = 0): void {
    const z = this.n * isometricLatitude(Math.sin(lat * DEG)) + this.halfLnC;
    const sinChi = Math.tanh(z);
    const cosChi = 1 / Math.cosh(z);
    const dL = this.n * wrapDegrees(lon - this.lon0) * DEG;
    const sinL = Math.sin(dL);
    const cosL = Math.cos(dL);
    const b = 1 + sinChi * this.sinChi0 + cosChi * this.cosChi0 * cosL;
    // Same operation order as footprintCircle, so a site and its sectors' apex agree bit for bit.
    const k = (2 * this.radius) / b;
    out[offset] = k * (cosChi * sinL);
    out[offset + 1] = k * (sinChi * this.cosChi0 - cosChi * this.sinChi0 * cosL);
  }

  /** Inverse of `forward`: writes lon, lat (degrees) for the frame point (x, y). */
  inverse(x: number, y: number, out: Float64Array | number[], offset = 0): void {
    const rho = Math.hypot(x, y);
    if (rho === 0) {
      out[offset] = this.lon0;
      out[offset + 1] = this.lat0;
      return;
    }
    const ce = 2 * Math.atan(rho / (2 * this.radius));
    const sc = Math.sin(ce);
    const cc = Math.cos(ce);
    const sinChi = cc * this.sinChi0 + (y * sc * this.cosChi0) / rho;
    const dL = Math.atan2(x * sc, rho * this.cosChi0 * cc - y * this.sinChi0 * sc);
    const psi = (Math.atanh(sinChi) - this.halfLnC) / this.n;
    let phi = Math.atan(Math.sinh(psi));
    for (let i = 0; i < 8; i++) {
      const s = Math.sin(phi);
      const d =
        ((isometricLatitude(s) - psi) * (1 - WGS84_E2 * s * s) * Math.cos(phi)) / (1 - WGS84_E2);
      phi -= d;
      if (Math.abs(d) < 1e-15) break;
    }
    out[offset] = wrapDegrees(this.lon0 + dL / this.n / DEG);
    out[offset + 1] = phi / DEG;
  }

  /**
   * The image of the geodesic circle of radius `radiusM` around the site (lon, lat): writes, from
   * `out[offset]`, the circle's centre x, y and radius, the site's own image x, y (the apex of its
   * sectors, a few millimetres from the circle's centre) and the direction of true north at the
   * site as a counter-clockwise angle from the frame's x axis (radians).
   *
   * Exact on the conformal sphere: stereographic projection maps the sphere's small circle to a
   * circle whose diameter on the line through the frame's centre runs from 2R·tan((δ−α)/2) to
   * 2R·tan((δ+α)/2), δ the site's angular distance from the centre and α the circle's angular radius.
   */
  footprintCircle(lon: number, lat: number, radiusM: number, out: Float64Array, offset: number): void {
    siteTerms(lat, this.terms, 0);
    this.footprintCircleOfSite(lon, this.terms[0], this.terms[1], radiusM, out, offset);
  }

  /**
   * `footprintCircle` with the site's frame-independent terms given (`siteTerms` of its latitude),
   * bit for bit the same: a caller that projects one site into many frames computes them once.
   */
  footprintCircleOfSite(lon: number, psi: number, nuCosPhi: number, radiusM: number, out: Float64Array, offset: number): void {
    const z = this.n * psi + this.halfLnC;
    const sinChi = Math.tanh(z);
    const cosChi = 1 / Math.cosh(z);
    const dL = this.n * wrapDegrees(lon - this.lon0) * DEG;
    const sinL = Math.sin(dL);
    const cosL = Math.cos(dL);
    const sinChi0 = this.sinChi0;
    const cosChi0 = this.cosChi0;
    const R = this.radius;
    const b = 1 + sinChi * sinChi0 + cosChi * cosChi0 * cosL;
    const bx = cosChi * sinL;
    const by = sinChi * cosChi0 - cosChi * sinChi0 * cosL;
    const px = ((2 * R) / b) * bx;
    const py = ((2 * R) / b) * by;
    // Scale of the ellipsoid → sphere step at the site: R·n·cos χ / (ν·cos φ).
    const alpha = (radiusM * this.n * cosChi) / nuCosPhi;
    const rho = Math.hypot(px, py);
    const delta = 2 * Math.atan(rho / (2 * R));
    const rho1 = 2 * R * Math.tan((delta - alpha) / 2);
    const rho2 = 2 * R * Math.tan((delta + alpha) / 2);
    const along = rho > 0 ? (rho1 + rho2) / 2 / rho : 0;
    // North at the site: the image of d/dχ (meridians of the ellipsoid map to meridians of the sphere).
    const bChi = cosChi * sinChi0 - sinChi * cosChi0 * cosL;
    const dx = -sinChi * sinL * b - bx * bChi;
    const dy = (cosChi * cosChi0 + sinChi * sinChi0 * cosL) * b - by * bChi;
    out[offset] = px * along;
    out[offset + 1] = py * along;
    out[offset + 2] = (rho2 - rho1) / 2;
    out[offset + 3] = px;
    out[offset + 4] = py;
    out[offset + 5] = Math.atan2(dy, dx);
  }

  /**
   * Distance (m) from the frame's centre to the frame point (x, y) along the conformal sphere's
   * great circle; within ~1e-8 relative of the ellipsoidal geodesic up to ~100 km.
   */
  distanceFromCentre(x: number, y: number): number {
    return 2 * this.radius * Math.atan(Math.hypot(x, y) / (2 * this.radius));
  }

  /** Point scale factor of the frame at (lon, lat): frame length ÷ ellipsoid length. */
  scaleAt(lon: number, lat: number): number {
    const phi = lat * DEG;
    const s = Math.sin(phi);
    const z = this.n * isometricLatitude(s) + this.halfLnC;
    const sinChi = Math.tanh(z);
    const cosChi = 1 / Math.cosh(z);
    const cosL = Math.cos(this.n * wrapDegrees(lon - this.lon0) * DEG);
    const b = 1 + sinChi * this.sinChi0 + cosChi * this.cosChi0 * cosL;
    const nuCosPhi = (WGS84_A * Math.cos(phi)) / Math.sqrt(1 - WGS84_E2 * s * s);
    return ((this.radius * this.n * cosChi) / nuCosPhi) * (2 / b);
  }

  /** Convenience for tests and callers outside hot paths: the frame point of (lon, lat). */
  project(lon: number, lat: number): [number, number] {
    this.forward(lon, lat, this.tmp, 0);
    return [this.tmp[0], this.tmp[1]];
  }

  /** Convenience inverse of `project`: [lon, lat] degrees. */
  unproject(x: number, y: number): [number, number] {
    this.inverse(x, y, this.tmp, 0);
    return [this.tmp[0], this.tmp[1]];
  }
}

/**
 * The terms of a site at latitude `lat` (degrees) that no frame changes: its isometric latitude ψ
 * and ν·cos φ (the radius of its parallel), written to `out[offset]`, `out[offset + 1]`.
 */
export function siteTerms(lat: number, out: Float64Array, offset: number): void {
  const phi = lat * DEG;
  const s = Math.sin(phi);
  out[offset] = isometricLatitude(s);
  out[offset + 1] = (WGS84_A * Math.cos(phi)) / Math.sqrt(1 - WGS84_E2 * s * s);
}

/** Isometric latitude ψ from sin φ on WGS84: atanh(sin φ) − e·atanh(e·sin φ). */
function isometricLatitude(sinPhi: number): number {
  return Math.atanh(sinPhi) - WGS84_E * Math.atanh(WGS84_E * sinPhi);
}

/** An angle in degrees brought into [−180, 180). */
function wrapDegrees(d: number): number {
  return d >= -180 && d < 180 ? d : d - 360 * Math.floor((d + 180) / 360);
}
