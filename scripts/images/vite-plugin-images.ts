/**
 * Vite plugin for the image pipeline: renders the images at build start (so a bad source fails
 * the build early), emits them as build assets (so the service worker's precache glob sees them),
 * serves them from memory in the dev server, and defines `__ASSET_ICON_KEYS__` (the asset icons
 * that exist) for src/components/instrument-icon.tsx.
 */
import type { Plugin } from 'vite';
import { assetIconKeys, type AssetRef } from './asset-icons';
import type { GeneratedFile } from './generated-file';
import { generateImages } from './generate-images';

export interface ImagesPluginOptions {
  logo: string;
  screenshots: string;
  instruments: readonly AssetRef[];
  states: string;
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

/** The image pipeline as a Vite plugin. */
export function imagesPlugin(options: ImagesPluginOptions): Plugin {
  let pending: Promise<GeneratedFile[]> | undefined;
  const files = (): Promise<GeneratedFile[]> => (pending ??= generateImages(options));

  return {
    name: 'quotedeck:images',
    config() {
      // A define rather than a virtual module: unit tests import the component without Vite's
      // plugins, and an undefined global just means "draw every badge in CSS".
      return {
        define: { __ASSET_ICON_KEYS__: JSON.stringify(assetIconKeys(options.instruments)) },
      };
    },
    async buildStart() {
      await files();
    },
    async generateBundle() {
      for (const file of await files()) {
        this.emitFile({ type: 'asset', fileName: file.fileName, source: file.data });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]?.slice(1) ?? '';
        files().then(
          (list) => {
            const file = list.find((f) => f.fileName === path);
            if (!file) return next();
            res.setHeader(
              'Content-Type',
              CONTENT_TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream',
            );
            res.end(file.data);
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}
