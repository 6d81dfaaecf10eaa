/** WGS84 ellipsoid constants shared by the geodesy modules. */

/** Semi-major axis (m). */
export const WGS84_A = 6378137;
/** Flattening. */
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** First eccentricity. */
export const WGS84_E = Math.sqrt(WGS84_E2);

export const DEG = Math.PI / 180;
