import type { InputErrorParams } from '../../core/io/input-error.ts';
import { isInputError } from '../../core/io/input-error.ts';
import type { LayerKind } from '../../core/io/read-layer.ts';
import { formatNumber, t, type MessageKey } from '../shell/i18n.ts';
import { errorMessage } from '../../core/error-message.ts';

/**
 * A refused file's message in the user's language, chosen by `InputError.code` and filled from
 * its `params`: what is wrong and what to do. Anything that is not an `InputError` shows its
 * own (English) text.
 */
export function describeInputError(err: unknown, file: string, kind: LayerKind): string {
  if (!isInputError(err)) {
    return t('error.unexpected', { detail: errorMessage(err) });
  }
  const p: InputErrorParams = err.params ?? {};
  if (err.code === 'http-error' && p.status === 404) return t('error.not-found', { file });
  if (err.code === 'http-error' && p.status === undefined) return t('error.network', { file });
  const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));
  const mb = (v: unknown): string => formatNumber(Number(v) / (1024 * 1024), { maximumFractionDigits: 0 });
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  const values: Record<string, string | number> = {
    file,
    layer: t(`own.kind.${kind}`),
    ext: ext || '?',
    crs: list(p.crs),
    missing: list(p.missing) || '?',
    found: list(p.found) || '—',
    expected: list(p.expected),
    size: mb(p.size),
    max: mb(p.maxBytes),
    format: list(p.format),
    detail: list(p.detail ?? p.what ?? err.message),
    line: list(p.line),
    example: list(p.example),
    status: list(p.status),
    layers: list(p.layers),
  };
  return t(`input-error.${err.code}` as MessageKey, values);
}
