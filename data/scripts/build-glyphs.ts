/**
 * Builds the map's glyphs (public/glyphs/<font stack>/<start>-<end>.pbf) from Noto Sans, so labels
 * render with no network. Noto Sans covers Vietnamese fully (Latin Extended-A/B and Additional,
 * combining marks); it is © Google, SIL Open Font License 1.1 (public/glyphs/OFL.txt).
 *
 * Ranges with Latin, Vietnamese, combining marks and punctuation carry glyphs; every other range of the
 * Basic Multilingual Plane is written empty, so a name with a character outside them loses that
 * character instead of making the map fail on a missing file (CJK is drawn by the browser's own font).
 *
 * Run: `npx tsx data/scripts/build-glyphs.ts` (needs Debian's fonts-noto-core, or VUNGLOM_FONTS=dir).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import opentype, { type Font } from 'opentype.js';
import { encodeGlyphRange, renderSdfGlyph, type SdfGlyph } from './glyph-sdf.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FONTS = process.env.VUNGLOM_FONTS ?? '/usr/share/fonts/truetype/noto';
const OUT = join(REPO, 'public/glyphs');

/** Font stacks the style names (src/map/style.ts) and the font file each is made from. */
export const FONT_STACKS: Readonly<Record<string, string>> = {
  'NotoSans-Regular': 'NotoSans-Regular.ttf',
  'NotoSans-Bold': 'NotoSans-Bold.ttf',
};

/**
 * First code points of the ranges that carry glyphs: Basic Latin to Latin Extended-B and IPA
 * (0–767), combining diacritics (768–1023), Latin Extended Additional with Vietnamese's precomposed
 * letters (7680–7935), general punctuation (8192–8447).
 */
export const GLYPH_RANGES: readonly number[] = [0, 256, 512, 768, 7680, 8192];

function loadFont(file: string): Font {
  const path = join(FONTS, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${path} (${(e as Error).message}): apt-get install fonts-noto-core, or set VUNGLOM_FONTS to a folder with ${file}`);
  }
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** The glyphs of one 256-code-point range that the font has. */
export function rangeGlyphs(font: Font, start: number): SdfGlyph[] {
  const glyphs: SdfGlyph[] = [];
  for (let code = start; code < start + 256; code++) {
    const char = String.fromCharCode(code);
    if (font.charToGlyphIndex(char) <= 0) continue;
    const glyph = font.charToGlyph(char);
    glyphs.push(renderSdfGlyph(code, glyph.path.commands, glyph.advanceWidth ?? 0, font.unitsPerEm));
  }
  return glyphs;
}

function main(): void {
  rmSync(OUT, { recursive: true, force: true });
  let bytes = 0;
  for (const [stack, file] of Object.entries(FONT_STACKS)) {
    const font = loadFont(file);
    const dir = join(OUT, stack);
    mkdirSync(dir, { recursive: true });
    for (let start = 0; start < 65536; start += 256) {
      const glyphs = GLYPH_RANGES.includes(start) ? rangeGlyphs(font, start) : [];
      const pbf = encodeGlyphRange(stack, start, glyphs);
      writeFileSync(join(dir, `${start}-${start + 255}.pbf`), pbf);
      bytes += pbf.length;
    }
  }
  const licence = readFileSync(join(REPO, 'data/sources/OFL-noto.txt'), 'utf8');
  writeFileSync(join(OUT, 'OFL.txt'), licence);
  process.stdout.write(`wrote ${Object.keys(FONT_STACKS).length} font stacks to public/glyphs (${(bytes / 1024).toFixed(0)} KiB)\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
