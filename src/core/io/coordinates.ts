/**
 * One coordinate from a table cell: a number, decimal degrees with a dot or a comma ("107,5"), or
 * degrees-minutes(-seconds) as operators' site lists write them — `107°30'15.2"E`, `14 21 05 N`,
 * `N14°21.5'`, `14:21:05` — with or without a hemisphere letter (S and W are negative). A cell
 * whose hemisphere letter belongs to the other axis (an "N" in the longitude column) is reported,
 * not read: the columns are probably swapped.
 */

export type Axis = 'lon' | 'lat';

export type CoordinateResult =
  | { kind: 'empty' }
  | { kind: 'value'; value: number }
  | { kind: 'error'; message: string };

const HEMISPHERES: Readonly<Record<string, { axis: Axis; sign: 1 | -1 }>> = {
  N: { axis: 'lat', sign: 1 },
  S: { axis: 'lat', sign: -1 },
  E: { axis: 'lon', sign: 1 },
  W: { axis: 'lon', sign: -1 },
};

/** What may stand between the numbers of a DMS value. */
const SEPARATORS = /^[\s°º˚'′’‘`"″”“:]*$/;
const NUMBER = /\d+(?:[.,]\d+)?/g;

/** Reads one coordinate of `axis` from a cell (see the module comment). */
export function parseCoordinate(raw: unknown, axis: Axis): CoordinateResult {
  if (raw === null || raw === undefined) return { kind: 'empty' };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'value', value: raw } : unreadable(raw);
  if (typeof raw !== 'string') return unreadable(raw);
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  // Plain decimal: a dot, or one decimal comma.
  if (/^[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?$/.test(text)) return { kind: 'value', value: Number(text.replace(',', '.')) };
  let body = text.toUpperCase();
  let sign = 1;
  const lead = /^([NSEW])\s*/.exec(body);
  const trail = /\s*([NSEW])$/.exec(body);
  const letter = lead?.[1] ?? trail?.[1];
  if (lead && trail) return unreadable(raw);
  if (lead) body = body.slice(lead[0].length);
  if (trail) body = body.slice(0, body.length - trail[0].length);
  if (letter !== undefined) {
    const h = HEMISPHERES[letter];
    if (h.axis !== axis) {
      return {
        kind: 'error',
        message: `"${text}" is a ${h.axis === 'lat' ? 'latitude' : 'longitude'} (${letter}) in the ${axis === 'lat' ? 'latitude' : 'longitude'} column: are the columns swapped?`,
      };
    }
    sign = h.sign;
  }
  if (/^[-+]/.test(body)) {
    if (letter !== undefined) return unreadable(raw);
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  const numbers = body.match(NUMBER) ?? [];
  const rest = body.replace(NUMBER, ' ');
  if (numbers.length === 0 || numbers.length > 3 || !SEPARATORS.test(rest)) return unreadable(raw);
  const [d, m, s] = numbers.map((n) => Number(n.replace(',', '.')));
  // A fraction belongs only to the last part given ("107.5 30" is not a coordinate).
  if (numbers.slice(0, -1).some((n) => /[.,]/.test(n))) return unreadable(raw);
  if ((m !== undefined && m >= 60) || (s !== undefined && s >= 60)) {
    return { kind: 'error', message: `"${text}": minutes and seconds must be below 60.` };
  }
  return { kind: 'value', value: sign * (d + (m ?? 0) / 60 + (s ?? 0) / 3600) };
}

function unreadable(raw: unknown): CoordinateResult {
  return {
    kind: 'error',
    message: `"${String(raw)}" is not a coordinate (decimal degrees such as 107.5 or 107,5, or degrees-minutes-seconds such as 107°30'15"E).`,
  };
}

/**
 * Why a lon/lat pair cannot be a WGS84 position, or null when it can: out of range, or — when
 * swapping the two would make it valid — probably swapped. The message names the values.
 */
export function lonLatProblem(lon: number, lat: number): { code: 'swapped-coordinates' | 'out-of-range'; message: string } | null {
  if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) return null;
  if (Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    return {
      code: 'swapped-coordinates',
      message: `longitude ${lon}, latitude ${lat}: the latitude is beyond ±90°; longitude and latitude look swapped.`,
    };
  }
  return {
    code: 'out-of-range',
    message: `(${lon}, ${lat}) is outside longitude/latitude range (projected metres?).`,
  };
}
