/**
 * The one error type every reader throws for input it cannot take. `code` is stable (the app
 * translates by it, with `params`), `message` is plain English naming the bad value and the fix.
 * Errors cross worker boundaries as `{ name, message }` plus, here, `code` and `params`
 * (see {@link InputError.toJSON}); branch on `name === 'InputError'`, then on `code`.
 */

export type InputErrorCode =
  | 'empty-file'
  | 'no-features'
  | 'not-geojson'
  | 'not-csv'
  | 'wrong-crs'
  | 'missing-columns'
  | 'out-of-range'
  | 'wrong-geometry'
  | 'not-flatgeobuf'
  | 'too-large'
  | 'unsupported-format'
  | 'http-error'
  | 'no-such-file'
  | 'truncated'
  | 'corrupt'
  | 'no-records'
  | 'not-zip'
  | 'not-shapefile'
  | 'not-kml'
  | 'not-xlsx'
  | 'needs-crs'
  | 'crs-mismatch'
  | 'choose-layer'
  | 'not-dem';

/** Values the app needs to render the message in another language. */
export type InputErrorParams = Record<string, string | number | readonly string[]>;

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code: InputErrorCode;
  readonly params: InputErrorParams;

  constructor(code: InputErrorCode, message: string, params: InputErrorParams = {}) {
    super(message);
    this.code = code;
    this.params = params;
  }

  /** A plain object that survives structured clone and JSON (an Error's own fields do not all). */
  toJSON(): { name: 'InputError'; code: InputErrorCode; message: string; params: InputErrorParams } {
    return { name: this.name, code: this.code, message: this.message, params: this.params };
  }
}

/** True for an InputError, or for its plain-object form after crossing a thread. */
export function isInputError(value: unknown): value is InputError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'InputError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
