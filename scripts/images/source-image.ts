/** Reading source images with errors that name the file and say what is wrong. */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

/** A source image is missing, unreadable or has the wrong shape. */
export class ImageSourceError extends Error {
  override name = 'ImageSourceError';
}

export interface SourceImage {
  path: string;
  data: Buffer;
  width: number;
  height: number;
  format: string;
}

/** Reads and decodes the header of a source image; throws ImageSourceError when it can't. */
export async function readSourceImage(path: string): Promise<SourceImage> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImageSourceError(
      code === 'ENOENT' ? `source image ${path} is missing` : `cannot read ${path}: ${code}`,
    );
  }
  try {
    const { width, height, format } = await sharp(data).metadata();
    if (!width || !height || !format) throw new Error('no dimensions');
    // Decode fully: a truncated file can have a valid header.
    await sharp(data).raw().toBuffer();
    return { path, data, width, height, format };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageSourceError(`source image ${path} is not a valid image: ${reason}`);
  }
}
