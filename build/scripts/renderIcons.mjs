#!/usr/bin/env node
// Renders build/icons/icon.svg to the PNG sizes electron-builder and Linux desktops use, with the
// same Chromium the tests use. Run after editing the SVG; the PNGs are committed.
import { join, dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const iconsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'icons');
const svg = readFileSync(join(iconsDir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.SLURMDESK_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const size of [1024, 512, 256, 128, 64, 32, 16]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const scaled = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
  await page.setContent(`<html><body style="margin:0;background:transparent">${scaled}</body></html>`);
  const name = size === 1024 ? 'icon.png' : `${size}x${size}.png`;
  await page.screenshot({ path: join(iconsDir, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
}
await browser.close();
console.log(`icons written to ${iconsDir}`);
