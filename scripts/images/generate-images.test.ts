import { mkdtemp, readdir, rm, writeFile, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetIconKey } from '../../src/lib/asset-badge';
import { APP_ICONS, MASKABLE_SAFE_ZONE } from './app-icons';
import { assetIconKeys, iconPixelSizes } from './asset-icons';
import { generateImages, writeGeneratedFiles } from './generate-images';
import { SCREENSHOTS } from './screenshots';
import {
  ILLUSTRATION_HEIGHT,
  ILLUSTRATION_SCALES,
  ILLUSTRATION_WIDTH,
  STATE_ILLUSTRATIONS,
} from '../../src/lib/state-illustration';
import { ImageSourceError } from './source-image';

const LOGO = 'src/images/logo.svg';
const STATES = 'src/images/states';
const INSTRUMENTS = [
  { assetClass: 'crypto', base: 'BTC' },
  { assetClass: 'crypto', base: 'BTC' },
  { assetClass: 'equity', base: 'BRK.B' },
  { assetClass: 'fx', base: 'EUR' },
] as const;

let dir: string;
let screenshots: string;

async function size(path: string): Promise<string> {
  const { width, height } = await sharp(path).metadata();
  return `${width}x${height}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quotedeck-images-'));
  // Sources twice the declared size, as a sharper capture would be.
  screenshots = join(dir, 'sources');
  await mkdir(screenshots);
  for (const shot of SCREENSHOTS) {
    await sharp({
      create: { width: shot.width * 2, height: shot.height * 2, channels: 3, background: '#123' },
    })
      .png()
      .toFile(join(screenshots, shot.source));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generateImages', () => {
  it('renders every declared icon, screenshot and badge at its declared pixel size', async () => {
    const out = join(dir, 'out');
    const files = await generateImages({
      logo: LOGO,
      screenshots,
      instruments: INSTRUMENTS,
      states: STATES,
    });
    await writeGeneratedFiles(files, out);

    for (const icon of APP_ICONS) {
      expect(await size(join(out, icon.fileName)), icon.fileName).toBe(`${icon.size}x${icon.size}`);
    }
    for (const shot of SCREENSHOTS) {
      expect(await size(join(out, shot.fileName))).toBe(`${shot.width}x${shot.height}`);
      expect((await sharp(join(out, shot.fileName)).metadata()).format).toBe('png');
    }
    expect(await readdir(out)).toContain('favicon.svg');

    // One badge per asset (BTC twice in the input), WebP at every scale plus a PNG fallback.
    expect(assetIconKeys(INSTRUMENTS)).toEqual(['crypto-btc', 'equity-brk-b', 'fx-eur']);
    const { webp, png } = iconPixelSizes();
    expect(webp).toEqual([16, 32, 48, 64, 96]);
    expect(png).toEqual([16, 32]);
    const assetFiles = await readdir(join(out, 'img/asset'));
    expect(assetFiles).toHaveLength(3 * (webp.length + png.length));
    for (const key of assetIconKeys(INSTRUMENTS)) {
      for (const pixels of webp) {
        const path = join(out, 'img/asset', `${key}-${pixels}.webp`);
        const meta = await sharp(path).metadata();
        expect(`${meta.format} ${meta.width}x${meta.height}`).toBe(`webp ${pixels}x${pixels}`);
      }
      for (const pixels of png) {
        const meta = await sharp(join(out, 'img/asset', `${key}-${pixels}.png`)).metadata();
        expect(`${meta.format} ${meta.width}x${meta.height}`).toBe(`png ${pixels}x${pixels}`);
      }
    }
  });

  it('renders each state illustration as WebP at 1x/2x/3x and a 1x PNG of the declared size', async () => {
    const files = await generateImages({
      logo: LOGO,
      screenshots,
      instruments: [],
      states: STATES,
    });
    for (const name of STATE_ILLUSTRATIONS) {
      for (const scale of ILLUSTRATION_SCALES) {
        const width = ILLUSTRATION_WIDTH * scale;
        const file = files.find((f) => f.fileName === `img/state/${name}-${width}.webp`);
        const meta = await sharp(file?.data).metadata();
        expect(`${meta.format} ${meta.width}x${meta.height}`).toBe(
          `webp ${width}x${ILLUSTRATION_HEIGHT * scale}`,
        );
      }
      const png = files.find((f) => f.fileName === `img/state/${name}-${ILLUSTRATION_WIDTH}.png`);
      expect((await sharp(png?.data).metadata()).format).toBe('png');
    }
  });

  it('fails with a clear error when a state illustration source is missing', async () => {
    const empty = join(dir, 'no-states');
    await mkdir(empty);
    await expect(
      generateImages({ logo: LOGO, screenshots, instruments: [], states: empty }),
    ).rejects.toThrow(/offline\.svg is missing/);
  });

  it('keeps the maskable logo inside the safe zone on an opaque background', async () => {
    const files = await generateImages({
      logo: LOGO,
      screenshots,
      instruments: [],
      states: STATES,
    });
    const maskable = files.find((f) => f.fileName === 'icons/maskable-512.png');
    const { data, info } = await sharp(maskable?.data).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number): number[] => {
      const at = (y * info.width + x) * info.channels;
      return [...data.subarray(at, at + info.channels)];
    };
    // Full bleed: opaque corners of one colour; everything drawn lies in the safe circle.
    const background = pixel(0, 0);
    expect(background[3]).toBe(255);
    expect(pixel(511, 511)).toEqual(background);
    let drawn = 0;
    for (let y = 0; y < 512; y += 2) {
      for (let x = 0; x < 512; x += 2) {
        // Rounding at the tile's anti-aliased edge leaves ±1 values; only visible marks count.
        if (pixel(x, y).every((v, i) => Math.abs(v - background[i]!) <= 3)) continue;
        drawn++;
        expect(Math.hypot(x - 256, y - 256)).toBeLessThanOrEqual((512 * MASKABLE_SAFE_ZONE) / 2);
      }
    }
    expect(drawn).toBeGreaterThan(1000);
  });

  it('gives badges of different assets different pixels', async () => {
    const files = await generateImages({
      logo: LOGO,
      screenshots,
      instruments: INSTRUMENTS,
      states: STATES,
    });
    const png = (key: string) =>
      files.find((f) => f.fileName === `img/asset/${key}-32.png`)?.data.toString('base64');
    const keys = INSTRUMENTS.map((i) => assetIconKey(i.assetClass, i.base));
    expect(new Set(keys.map(png)).size).toBe(3);
  });

  it('fails with a clear error when the logo is missing', async () => {
    const run = generateImages({
      logo: join(dir, 'nope.svg'),
      screenshots,
      instruments: [],
      states: STATES,
    });
    await expect(run).rejects.toThrow(ImageSourceError);
    await expect(run).rejects.toThrow(/nope\.svg is missing/);
  });

  it('fails with a clear error when a source is not an image', async () => {
    const bad = join(dir, 'bad.svg');
    await writeFile(bad, '<svg xmlns="http://www.w3.org/2000/svg"><rect');
    await expect(
      generateImages({ logo: bad, screenshots, instruments: [], states: STATES }),
    ).rejects.toThrow(/bad\.svg is not a valid image/);
  });

  it('refuses a screenshot of the wrong shape instead of cropping the app', async () => {
    const wrong = join(dir, 'wrong');
    await mkdir(wrong);
    await copyFile(join(screenshots, 'wide.png'), join(wrong, 'narrow.png'));
    await copyFile(join(screenshots, 'wide.png'), join(wrong, 'wide.png'));
    await expect(
      generateImages({ logo: LOGO, screenshots: wrong, instruments: [], states: STATES }),
    ).rejects.toThrow(/narrow screenshot needs the aspect ratio of 390x844/);
  });

  it('fails when a screenshot source is missing', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await expect(
      generateImages({ logo: LOGO, screenshots: empty, instruments: [], states: STATES }),
    ).rejects.toThrow(/(wide|narrow)\.png is missing/);
  });
});
