/**
 * Manifest screenshots: real captures of the app (src/images/screenshots/, refreshed with
 * `node --import tsx scripts/pwa-screenshots.ts`) resized to exactly the declared sizes.
 */
import sharp from 'sharp';
import type { GeneratedFile } from './generated-file';
import { ImageSourceError, type SourceImage } from './source-image';

export interface Screenshot {
  /** File name inside the screenshot source folder. */
  source: string;
  fileName: string;
  width: number;
  height: number;
  formFactor: 'wide' | 'narrow';
  label: string;
}

export const SCREENSHOTS: readonly Screenshot[] = [
  {
    source: 'wide.png',
    fileName: 'screenshots/wide.png',
    width: 1280,
    height: 800,
    formFactor: 'wide',
    label: 'Watchlist, live chart, order book and trades on a desktop screen',
  },
  {
    source: 'narrow.png',
    fileName: 'screenshots/narrow.png',
    width: 390,
    height: 844,
    formFactor: 'narrow',
    label: 'Instrument, chart and order book stacked on a phone',
  },
];

/** A source may be a sharper capture, but not a different shape (that would crop the app). */
const ASPECT_TOLERANCE = 0.02;

/** Resizes one capture to its declared size; throws ImageSourceError for the wrong shape. */
export async function renderScreenshot(
  shot: Screenshot,
  source: SourceImage,
): Promise<GeneratedFile> {
  const want = shot.width / shot.height;
  const have = source.width / source.height;
  if (Math.abs(have / want - 1) > ASPECT_TOLERANCE) {
    throw new ImageSourceError(
      `${source.path} is ${source.width}x${source.height}; the ${shot.formFactor} screenshot ` +
        `needs the aspect ratio of ${shot.width}x${shot.height}`,
    );
  }
  const data = await sharp(source.data)
    .resize(shot.width, shot.height, { fit: 'cover', position: 'top' })
    // A dashboard has few colours: a palette PNG is a fraction of the size and looks the same.
    .png({ palette: true, quality: 90, effort: 8, compressionLevel: 9 })
    .toBuffer();
  return { fileName: shot.fileName, data };
}
