/**
 * Empty/offline state illustrations rendered from their SVG sources: WebP at every scale the
 * browser may pick, and a 1x PNG for browsers without WebP.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import {
  ILLUSTRATION_HEIGHT,
  ILLUSTRATION_SCALES,
  ILLUSTRATION_WIDTH,
  STATE_ILLUSTRATIONS,
  illustrationUrl,
} from '../../src/lib/state-illustration';
import type { GeneratedFile } from './generated-file';
import { readSourceImage, type SourceImage } from './source-image';

async function render(source: SourceImage, scale: number, format: 'webp' | 'png'): Promise<Buffer> {
  const width = ILLUSTRATION_WIDTH * scale;
  const height = ILLUSTRATION_HEIGHT * scale;
  // Rasterize the vector at the target size instead of scaling a bitmap.
  const density = Math.max(72, (72 * width) / source.width);
  const image = sharp(source.data, { density }).resize(width, height, { fit: 'contain' });
  return format === 'webp'
    ? await image.webp({ quality: 80, alphaQuality: 90 }).toBuffer()
    : await image.png({ compressionLevel: 9, palette: true }).toBuffer();
}

/** Renders every illustration found as `<dir>/<name>.svg`; a missing source fails the build. */
export async function generateStateIllustrations(dir: string): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const name of STATE_ILLUSTRATIONS) {
    const source = await readSourceImage(join(dir, `${name}.svg`));
    for (const scale of ILLUSTRATION_SCALES) {
      files.push({
        fileName: illustrationUrl(name, ILLUSTRATION_WIDTH * scale, 'webp').slice(1),
        data: await render(source, scale, 'webp'),
      });
    }
    files.push({
      fileName: illustrationUrl(name, ILLUSTRATION_WIDTH, 'png').slice(1),
      data: await render(source, 1, 'png'),
    });
  }
  return files;
}
