// Renders build/icon.svg, the one icon source, into every size and format the installers need,
// with Debian's Chromium through Playwright (the same browser the e2e tests use), and writes them
// next to this file. Run it after changing the SVG and commit the results:
//   node build/icons/generate.ts
// png/NxN.png: Linux (AppImage, deb: the hicolor theme's sizes); icon.ico: Windows (PNG entries);
// icon.icns: macOS (PNG types); source.sha256: which SVG they came from (the unit test compares).
import { chromium } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_CHROMIUM } from '../../test/support/system-chromium.ts';
import { ICNS_TYPES, icnsFile, icoFile } from './containers.ts';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const here = import.meta.dirname;
const svgPath = join(here, '..', 'icon.svg');

async function main(): Promise<void> {
  const svg = await readFile(svgPath);
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map((t) => t.size)])].sort(
    (a, b) => a - b,
  );
  const browser = await chromium.launch(SYSTEM_CHROMIUM);
  const pngBySize = new Map<number, Uint8Array>();
  try {
    for (const size of sizes) {
      // Chromium rasterises the vector at the target size itself, so small sizes are drawn,
      // not scaled down from a big bitmap.
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
          `<img alt="" src="${src}" width="${size}" height="${size}">`,
      );
      // A string, as this file is checked without the DOM's types.
      await page.evaluate('document.images[0].decode()');
      pngBySize.set(
        size,
        await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }

  const pngDir = join(here, 'png');
  await rm(pngDir, { recursive: true, force: true });
  await mkdir(pngDir, { recursive: true });
  for (const size of LINUX_SIZES) {
    await writeFile(join(pngDir, `${size}x${size}.png`), pngBySize.get(size)!);
  }
  await writeFile(
    join(here, 'icon.ico'),
    icoFile(ICO_SIZES.map((size) => ({ size, png: pngBySize.get(size)! }))),
  );
  await writeFile(join(here, 'icon.icns'), icnsFile(pngBySize));
  await writeFile(
    join(here, 'source.sha256'),
    `${createHash('sha256').update(svg).digest('hex')}  icon.svg\n`,
  );
  console.log(`icons: ${sizes.join(', ')} px from ${svgPath}`);
}

if (import.meta.main) await main();
