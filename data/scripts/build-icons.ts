/**
 * Renders the app's icon (public/favicon.svg) as the PNG icons a Progressive Web App needs to be
 * installable (public/icons/: 192 and 512 px, and a 512 px "maskable" one with a safe margin), in
 * Debian's Chromium (playwright-core), so the PNGs are the SVG exactly.
 *
 * Run: `npx tsx data/scripts/build-icons.ts` (needs /usr/bin/chromium).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(REPO, 'public/icons');

/** Icon files: name, size in px, and the share of the square the symbol fills (maskable icons keep 80 %). */
export const ICONS = [
  { file: 'icon-192.png', size: 192, fill: 1 },
  { file: 'icon-512.png', size: 512, fill: 1 },
  { file: 'icon-maskable-512.png', size: 512, fill: 0.8 },
] as const;

async function main(): Promise<void> {
  const svg = readFileSync(join(REPO, 'public/favicon.svg'), 'utf8');
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const inner = Math.round(icon.size * icon.fill);
      // A maskable icon is cropped to a circle by some launchers: its background fills the square.
      const background = icon.fill < 1 ? '#263238' : 'transparent';
      await page.setContent(
        `<body style="margin:0;background:${background};display:grid;place-items:center;width:${icon.size}px;height:${icon.size}px">` +
          `<img width="${inner}" height="${inner}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`,
      );
      await page.screenshot({ path: join(OUT, icon.file), omitBackground: icon.fill === 1 });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${ICONS.length} icons to public/icons\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
