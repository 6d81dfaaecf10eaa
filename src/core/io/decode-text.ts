import { InputError } from './input-error.ts';

/**
 * Text from a string or bytes: UTF-8 (invalid sequences become U+FFFD rather than failing), a
 * leading byte-order mark removed. An empty or whitespace-only input is `empty-file`.
 */
export function decodeText(input: string | Uint8Array | ArrayBuffer, what = 'The file'): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.trim() === '') {
    throw new InputError('empty-file', `${what} is empty. Choose a file that contains data.`, { what });
  }
  return clean;
}
