import { defaultParams, resolveParams, type AnalysisParams } from '../../core/params.ts';
import { decodeParams, encodeParams, mergeParams, paramsDiff } from './assumptions-codec.ts';
import { saveParams } from '../shell/settings.ts';
import { writeParamsToUrl } from '../shell/url-state.ts';
import { errorMessage } from '../../core/error-message.ts';

/**
 * Where the assumptions of an analysis come from when the page opens, and where a change goes.
 * The link wins (a colleague opening it sees the same view): `?config=<url>` then `?params=` over
 * it; without either, what this browser remembered; else the documented defaults. A change is
 * remembered in localStorage and written into the address bar.
 */

export type ParamsOrigin = 'defaults' | 'storage' | 'url' | 'config';

export interface InitialParams {
  params: AnalysisParams;
  origin: ParamsOrigin;
  /** `resolveParams`'s sentence for a bad value, and which input held it; the rest still applies. */
  error: { source: 'config' | 'url' | 'storage'; message: string } | null;
}

/**
 * The starting assumptions. `config` is the parsed `?config=` file (undefined when none was
 * given or it could not be read), `urlText` the raw `?params=` text, `stored` what
 * localStorage kept.
 */
export function chooseInitialParams(input: {
  urlText: string | null;
  config: unknown;
  stored: Record<string, unknown> | null;
}): InitialParams {
  let base = defaultParams();
  let error: InitialParams['error'] = null;
  const hasConfig = input.config !== undefined && input.config !== null;
  if (hasConfig) {
    try {
      base = resolveParams(input.config);
    } catch (err) {
      error = { source: 'config', message: errorMessage(err) };
    }
  }
  if (input.urlText !== null) {
    try {
      return { params: decodeParams(input.urlText, base), origin: 'url', error };
    } catch (err) {
      return { params: base, origin: hasConfig ? 'config' : 'defaults', error: { source: 'url', message: errorMessage(err) } };
    }
  }
  if (hasConfig) return { params: base, origin: 'config', error };
  if (input.stored) {
    try {
      return { params: mergeParams(input.stored), origin: 'storage', error };
    } catch (err) {
      return { params: base, origin: 'defaults', error: { source: 'storage', message: errorMessage(err) } };
    }
  }
  return { params: base, origin: 'defaults', error };
}

/**
 * Remembers `params` in this browser and puts them into the address bar. `?config=` is dropped
 * from the address: `?params=` then carries every assumption on its own, so a key set back to its
 * default cannot be overridden by the file again on reload.
 */
export function commitParams(params: AnalysisParams): void {
  saveParams(paramsDiff(params));
  writeParamsToUrl(encodeParams(params), { dropConfig: true });
}

