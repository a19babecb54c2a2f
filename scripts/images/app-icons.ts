/**
 * App icons rendered from the SVG logo: favicons, the apple-touch-icon, the manifest's 192/512
 * `any` icons and a maskable 512 whose logo sits inside the 80 % safe zone.
 */
import sharp from 'sharp';
import type { GeneratedFile } from './generated-file';
import type { SourceImage } from './source-image';

/** Colour of the logo's tile; full-bleed icons use it so the tile's edge disappears. */
export const ICON_TILE_COLOR = '#161b22';

export interface AppIcon {
  fileName: string;
  size: number;
  purpose: 'any' | 'maskable' | 'favicon' | 'apple';
}

export const APP_ICONS: readonly AppIcon[] = [
  { fileName: 'icons/favicon-32.png', size: 32, purpose: 'favicon' },
  { fileName: 'icons/apple-touch-icon.png', size: 180, purpose: 'apple' },
  { fileName: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { fileName: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { fileName: 'icons/maskable-512.png', size: 512, purpose: 'maskable' },
];

/** Maskable icons may be cropped to a circle of 80 % of their size. */
export const MASKABLE_SAFE_ZONE = 0.8;

async function renderLogo(logo: SourceImage, size: number): Promise<Buffer> {
  // Rasterize the vector at the target size instead of scaling a small bitmap up.
  const density = Math.max(72, (72 * size) / Math.min(logo.width, logo.height));
  return await sharp(logo.data, { density })
    .resize(size, size, { fit: 'contain' })
    .png()
    .toBuffer();
}

async function renderIcon(logo: SourceImage, icon: AppIcon): Promise<Buffer> {
  if (icon.purpose === 'maskable') {
    const inner = Math.round(icon.size * MASKABLE_SAFE_ZONE);
    const offset = Math.round((icon.size - inner) / 2);
    return await sharp({
      create: { width: icon.size, height: icon.size, channels: 4, background: ICON_TILE_COLOR },
    })
      // The logo's own rounded tile is the tile colour: flattening it onto that colour leaves only
      // the candlesticks visible, so nothing but the mark falls near the mask's edge.
      .composite([
        {
          input: await sharp(await renderLogo(logo, inner))
            .flatten({ background: ICON_TILE_COLOR })
            .toBuffer(),
          left: offset,
          top: offset,
        },
      ])
      .png({ compressionLevel: 9 })
      .toBuffer();
  }
  const image = sharp(await renderLogo(logo, icon.size));
  // iOS fills transparency with black; give it the tile colour instead.
  if (icon.purpose === 'apple') image.flatten({ background: ICON_TILE_COLOR });
  return await image.png({ compressionLevel: 9 }).toBuffer();
}

/** Every app icon plus `favicon.svg` (the logo itself). */
export async function generateAppIcons(logo: SourceImage): Promise<GeneratedFile[]> {
  const icons = await Promise.all(
    APP_ICONS.map(async (icon) => ({
      fileName: icon.fileName,
      data: await renderIcon(logo, icon),
    })),
  );
  const svg = logo.format === 'svg' ? [{ fileName: 'favicon.svg', data: logo.data }] : [];
  return [...svg, ...icons];
}
