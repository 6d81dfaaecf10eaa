import type { HataEnvironment, PathLossModel } from './terrain-params.ts';

/** Speed of light (m/s). */
const C = 299_792_458;

/** Wavelength (m) of a carrier in MHz. */
export function wavelengthM(mhz: number): number {
  return C / (mhz * 1e6);
}

/** Free-space path loss (dB) over `distanceM` at `mhz`: 20·log10(4πd/λ). */
export function freeSpaceLossDb(distanceM: number, mhz: number): number {
  return 20 * Math.log10((4 * Math.PI * distanceM) / wavelengthM(mhz));
}

/**
 * Okumura–Hata median loss (dB), COST-231 Hata above 1,500 MHz, for a base antenna `baseM` and a
 * mobile `mobileM` above ground, with the small/medium-city mobile correction and the suburban or
 * open-area (rural) corrections. Below 1 km, where Hata is not defined, the loss is free space's at
 * that distance or Hata's at 1 km scaled like free space, whichever is larger — never less than free
 * space. Heights are clamped to the model's ranges (base 30–200 m, mobile 1–10 m).
 */
export function hataLossDb(distanceM: number, mhz: number, baseM: number, mobileM: number, environment: HataEnvironment): number {
  const hb = Math.min(200, Math.max(30, baseM));
  const hm = Math.min(10, Math.max(1, mobileM));
  const lf = Math.log10(mhz);
  const aHm = (1.1 * lf - 0.7) * hm - (1.56 * lf - 0.8);
  const cost = mhz > 1500;
  const dKm = Math.max(1, distanceM / 1000);
  const slope = 44.9 - 6.55 * Math.log10(hb);
  let loss = cost
    ? 46.3 + 33.9 * lf - 13.82 * Math.log10(hb) - aHm + slope * Math.log10(dKm)
    : 69.55 + 26.16 * lf - 13.82 * Math.log10(hb) - aHm + slope * Math.log10(dKm);
  if (environment === 'suburban') loss -= 2 * Math.log10(mhz / 28) ** 2 + 5.4;
  else if (environment === 'rural') loss -= 4.78 * lf * lf - 18.33 * lf + 40.94;
  if (distanceM < 1000) loss += 20 * Math.log10(distanceM / 1000);
  return Math.max(loss, freeSpaceLossDb(distanceM, mhz));
}

/** Base loss of a path (dB) by the model chosen. */
export function baseLossDb(model: PathLossModel, distanceM: number, mhz: number, baseM: number, mobileM: number, environment: HataEnvironment): number {
  return model === 'free-space' ? freeSpaceLossDb(distanceM, mhz) : hataLossDb(distanceM, mhz, baseM, mobileM, environment);
}

/** Knife-edge diffraction loss J(ν) (dB), ITU-R P.526 eq. 31; 0 for ν ≤ −0.78. */
export function knifeEdgeLossDb(nu: number): number {
  if (nu <= -0.78) return 0;
  const v = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(v * v + 1) + v);
}

/**
 * The largest Fresnel–Kirchhoff parameter ν over profile points `from + 1 … to − 1` between the
 * ends `from` and `to` (heights `z`, distances `d`, any common origin): ν = h·√(2(d1 + d2)/(λ·d1·d2))
 * with h the point's height above the straight line joining the ends. Returns the index (−1: none).
 */
function mainEdge(d: Float64Array, z: Float64Array, from: number, to: number, lambda: number, out: { nu: number }): number {
  let best = -1;
  let bestNu = -Infinity;
  const d0 = d[from];
  const z0 = z[from];
  const span = d[to] - d0;
  const rise = z[to] - z0;
  for (let i = from + 1; i < to; i++) {
    const d1 = d[i] - d0;
    const d2 = span - d1;
    if (d1 <= 0 || d2 <= 0) continue;
    const h = z[i] - (z0 + (rise * d1) / span);
    const nu = h * Math.sqrt((2 * span) / (lambda * d1 * d2));
    if (nu > bestNu) {
      bestNu = nu;
      best = i;
    }
  }
  out.nu = bestNu;
  return best;
}

const scratch = { nu: 0 };

/**
 * Diffraction loss (dB) of the path from point 0 (the antenna, height `z[0]`) to point `to` (the
 * receiver, height `z[to]`) over the terrain points between them, by the Deygout construction limited
 * to three edges with ITU-R P.526's empirical correction: L = Lm + T·(Lt + Lr + C), T = 1 − e^(−Lm/6),
 * C = 10 + 0.04·D (D in km), where Lm is the main edge's J(ν) and Lt, Lr those of the main edges of
 * the two sub-paths either side of it. Heights include the Earth-curvature drop.
 */
export function deygoutLossDb(d: Float64Array, z: Float64Array, to: number, lambda: number): number {
  const p = mainEdge(d, z, 0, to, lambda, scratch);
  if (p < 0) return 0;
  const lm = knifeEdgeLossDb(scratch.nu);
  if (lm <= 0) return 0;
  const t = mainEdge(d, z, 0, p, lambda, scratch);
  const lt = t >= 0 ? knifeEdgeLossDb(scratch.nu) : 0;
  const r = mainEdge(d, z, p, to, lambda, scratch);
  const lr = r >= 0 ? knifeEdgeLossDb(scratch.nu) : 0;
  const T = 1 - Math.exp(-lm / 6);
  const Cc = 10 + 0.04 * ((d[to] - d[0]) / 1000);
  return lm + T * (lt + lr + Cc);
}
