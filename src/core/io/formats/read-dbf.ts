import { InputError } from '../input-error.ts';

/**
 * A dBASE table (a shapefile's `.dbf`) read into fields and records. Text fields are kept as bytes
 * until the encoding is chosen (a `.cpg`, or detected from these bytes); numbers, logicals and dates
 * are read at once. The header is checked against the file's length, so a truncated table is
 * refused rather than read short.
 */

export interface DbfField {
  /** Name as bytes (decoded with the text); up to 10 characters in dBASE III. */
  nameBytes: Uint8Array;
  type: string;
  length: number;
  decimals: number;
}

/** A cell: text bytes (C fields, right padding removed), a number, a boolean, an ISO date, or null. */
export type DbfCell = Uint8Array | number | boolean | string | null;

export interface DbfTable {
  fields: DbfField[];
  /** One array per record that is not marked deleted, cells in field order. */
  records: DbfCell[][];
  /** 0-based positions of the records kept, in the file (the shapes with the same positions go with them). */
  positions: number[];
  /** Records marked deleted ("*"), left out. */
  deleted: number[];
  /** The language driver byte (29): 0x57 is Windows "ANSI" 1252. */
  languageDriver: number;
}

const HEADER_BYTES = 32;
const FIELD_BYTES = 32;
const TERMINATOR = 0x0d;

/** Reads the table; `name` names the file in messages. */
export function readDbf(bytes: Uint8Array, name: string): DbfTable {
  if (bytes.length < HEADER_BYTES + 1) throw broken(name, `it is ${bytes.length} bytes long, shorter than a dBASE header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: DbfField[] = [];
  let at = HEADER_BYTES;
  while (at < headerLength - 1 && bytes[at] !== TERMINATOR) {
    if (at + FIELD_BYTES > bytes.length) throw broken(name, 'its field list runs past the end of the file');
    const raw = bytes.subarray(at, at + 11);
    const end = raw.indexOf(0);
    fields.push({
      nameBytes: raw.subarray(0, end === -1 ? 11 : end),
      type: String.fromCharCode(bytes[at + 11]).toUpperCase(),
      length: bytes[at + 16],
      decimals: bytes[at + 17],
    });
    at += FIELD_BYTES;
  }
  const width = 1 + fields.reduce((s, f) => s + f.length, 0);
  if (recordLength < width) throw broken(name, `its records are ${recordLength} bytes but its fields need ${width}`);
  const needed = headerLength + count * recordLength;
  if (bytes.length < needed) {
    const whole = Math.max(0, Math.floor((bytes.length - headerLength) / recordLength));
    throw broken(name, `its header promises ${count} records but the file holds only ${whole}: it is truncated`);
  }
  const records: DbfCell[][] = [];
  const positions: number[] = [];
  const deleted: number[] = [];
  for (let r = 0; r < count; r++) {
    const start = headerLength + r * recordLength;
    if (bytes[start] === 0x2a) {
      deleted.push(r);
      continue;
    }
    let pos = start + 1;
    const cells: DbfCell[] = [];
    for (const f of fields) {
      cells.push(readCell(bytes.subarray(pos, pos + f.length), f));
      pos += f.length;
    }
    records.push(cells);
    positions.push(r);
  }
  return { fields, records, positions, deleted, languageDriver: bytes[29] };
}

function readCell(raw: Uint8Array, field: DbfField): DbfCell {
  switch (field.type) {
    case 'C': {
      let end = raw.length;
      while (end > 0 && (raw[end - 1] === 0x20 || raw[end - 1] === 0)) end--;
      return end === 0 ? null : raw.subarray(0, end);
    }
    case 'N':
    case 'F': {
      const text = ascii(raw).trim();
      if (text === '' || /^\*+$/.test(text)) return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : ascii(raw).trim();
    }
    case 'L': {
      const c = ascii(raw).trim().toUpperCase();
      if ('YT'.includes(c) && c !== '') return true;
      if ('NF'.includes(c) && c !== '') return false;
      return null;
    }
    case 'D': {
      const text = ascii(raw).trim();
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
    }
    default: {
      // Memo pointers and binary types: kept as text so nothing silently becomes a number.
      const text = ascii(raw).trim();
      return text === '' ? null : text;
    }
  }
}

function ascii(raw: Uint8Array): string {
  let s = '';
  for (let i = 0; i < raw.length; i++) s += String.fromCharCode(raw[i]);
  return s;
}

function broken(name: string, what: string): InputError {
  return new InputError('not-shapefile', `${name} is not a readable dBASE table: ${what}. Export the layer again.`, { name, detail: what });
}
