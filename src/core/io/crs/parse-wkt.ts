/**
 * Well-known text (WKT1 as GDAL and ESRI write it in `.prj` files, and WKT2) parsed into a tree of
 * nodes: `KEYWORD[arg, arg, …]` (or round brackets), where an argument is a quoted string, a number,
 * a bare word (EAST) or another node.
 */

export interface WktNode {
  keyword: string;
  args: WktValue[];
}

export type WktValue = string | number | WktNode;

/** Parses one WKT node; throws an Error naming the position of the first mistake. */
export function parseWkt(text: string): WktNode {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at character ${pos + 1} of the WKT`);
  };
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const word = (): string => {
    const start = pos;
    while (pos < text.length && /[A-Za-z0-9_.+-]/.test(text[pos])) pos++;
    if (pos === start) fail('expected a keyword');
    return text.slice(start, pos);
  };
  const quoted = (): string => {
    pos++;
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unclosed quote');
      if (text[pos] === '"') {
        if (text[pos + 1] === '"') {
          out += '"';
          pos += 2;
          continue;
        }
        pos++;
        return out;
      }
      out += text[pos++];
    }
  };
  const value = (): WktValue => {
    skipSpace();
    if (text[pos] === '"') return quoted();
    const w = word();
    skipSpace();
    if (text[pos] === '[' || text[pos] === '(') return node(w);
    const n = Number(w);
    return w !== '' && Number.isFinite(n) && /^[-+.\d]/.test(w) ? n : w;
  };
  const node = (keyword: string): WktNode => {
    const close = text[pos] === '[' ? ']' : ')';
    pos++;
    const args: WktValue[] = [];
    skipSpace();
    if (text[pos] === close) {
      pos++;
      return { keyword: keyword.toUpperCase(), args };
    }
    for (;;) {
      args.push(value());
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === close) {
        pos++;
        return { keyword: keyword.toUpperCase(), args };
      }
      fail(`expected "," or "${close}"`);
    }
  };
  skipSpace();
  const keyword = word();
  skipSpace();
  if (text[pos] !== '[' && text[pos] !== '(') fail('expected "["');
  const root = node(keyword);
  skipSpace();
  if (pos < text.length) fail('unexpected text after the end');
  return root;
}

/** The child nodes with one of `keywords` (upper case). */
export function children(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.args.filter((a): a is WktNode => typeof a === 'object' && keywords.includes(a.keyword));
}

/** The first child node with one of `keywords`, or null. */
export function child(node: WktNode, ...keywords: string[]): WktNode | null {
  return children(node, ...keywords)[0] ?? null;
}

/** The node's name (its first argument when that is a string), or "". */
export function nameOf(node: WktNode | null): string {
  return node !== null && typeof node.args[0] === 'string' ? node.args[0] : '';
}

/** The numbers among the node's arguments, in order. */
export function numbersOf(node: WktNode | null): number[] {
  return node === null ? [] : node.args.filter((a): a is number => typeof a === 'number');
}

/** EPSG code from `AUTHORITY["EPSG","9216"]` (WKT1) or `ID["EPSG",9216]` (WKT2) directly on `node`. */
export function epsgCodeOf(node: WktNode): number | null {
  for (const id of children(node, 'AUTHORITY', 'ID')) {
    if (String(id.args[0]).toUpperCase() !== 'EPSG') continue;
    const code = Number(id.args[1]);
    if (Number.isInteger(code)) return code;
  }
  return null;
}
