/**
 * The whole image pipeline as one function of its sources, so the Vite plugin and the tests run
 * exactly the same code: app icons from the logo, manifest screenshots, instrument badges and the
 * empty/offline state illustrations.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateAppIcons } from './app-icons';
import { generateAssetIcons, type AssetRef } from './asset-icons';
import type { GeneratedFile } from './generated-file';
import { SCREENSHOTS, renderScreenshot } from './screenshots';
import { readSourceImage } from './source-image';
import { generateStateIllustrations } from './state-illustrations';

export interface ImageSources {
  /** The SVG logo (src/images/logo.svg). */
  logo: string;
  /** Folder with wide.png and narrow.png (src/images/screenshots). */
  screenshots: string;
  /** Instruments whose base assets get a badge. */
  instruments: readonly AssetRef[];
  /** Folder with the state illustrations' SVG sources (src/images/states). */
  states: string;
}

/** Renders every generated image; rejects with ImageSourceError when a source is bad. */
export async function generateImages(sources: ImageSources): Promise<GeneratedFile[]> {
  const logo = await readSourceImage(sources.logo);
  const captures = await Promise.all(
    SCREENSHOTS.map(async (shot) =>
      renderScreenshot(shot, await readSourceImage(join(sources.screenshots, shot.source))),
    ),
  );
  const [icons, badges, states] = await Promise.all([
    generateAppIcons(logo),
    generateAssetIcons(sources.instruments),
    generateStateIllustrations(sources.states),
  ]);
  return [...icons, ...captures, ...badges, ...states];
}

/** Writes generated files below `outDir` (used by tests and for inspecting the output). */
export async function writeGeneratedFiles(
  files: readonly GeneratedFile[],
  outDir: string,
): Promise<void> {
  for (const file of files) {
    const path = join(outDir, file.fileName);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.data);
  }
}
