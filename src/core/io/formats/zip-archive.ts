import { unzipSync, zipSync, type UnzipFileInfo } from 'fflate';
import { InputError } from '../input-error.ts';
import { errorMessage } from '../../error-message.ts';

/**
 * Zip archives in and out (zipped shapefiles, KMZ, the workbook inside an XLSX), with fflate: small,
 * no dependencies, synchronous in any thread. Entries are listed before anything is inflated, so an
 * archive whose contents would exceed the size limit (a "zip bomb") is refused unread.
 */

/** Entries by their path in the archive (folders and macOS metadata left out). */
export type ZipEntries = Map<string, Uint8Array>;

/**
 * Inflates the entries `wanted` accepts (by path; all when absent). Throws `not-zip` for a damaged
 * archive, `too-large` when the entries would together exceed `maxBytes`.
 */
export function readZip(
  bytes: Uint8Array,
  options: { name: string; maxBytes: number; wanted?: (path: string) => boolean },
): ZipEntries {
  let total = 0;
  let tooLarge: UnzipFileInfo | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/') || /(^|\/)\._/.test(file.name)) return false;
        if (options.wanted && !options.wanted(file.name)) return false;
        total += file.originalSize;
        if (total > options.maxBytes) tooLarge ??= file;
        return tooLarge === null;
      },
    });
  } catch (error) {
    throw new InputError(
      'not-zip',
      `${options.name} is not a readable zip archive (${errorMessage(error)}). Zip the files again and choose the new archive.`,
      { name: options.name, detail: errorMessage(error) },
    );
  }
  if (tooLarge !== null) {
    throw new InputError(
      'too-large',
      `${options.name} unpacks to more than ${Math.round(options.maxBytes / (1024 * 1024))} MB, over the limit for reading a whole file. ` +
        'Cut the layer to your province first, or convert it to FlatGeobuf (ogr2ogr -f FlatGeobuf out.fgb in.shp).',
      { name: options.name, size: total, maxBytes: options.maxBytes },
    );
  }
  return new Map(Object.entries(files));
}

/** A zip of `files` (path → bytes), deflated, with a fixed date so the same files give the same bytes. */
export function writeZip(files: ReadonlyMap<string, Uint8Array>): Uint8Array<ArrayBuffer> {
  const input: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const mtime = new Date(Date.UTC(2000, 0, 1));
  for (const [path, data] of files) input[path] = [data, { mtime }];
  return zipSync(input, { level: 6 });
}
