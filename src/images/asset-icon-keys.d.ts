/**
 * Replaced at build time by scripts/images/vite-plugin-images.ts: assetIconKey() of every base
 * asset with generated icon files. Undefined where that plugin does not run (unit tests).
 */
declare const __ASSET_ICON_KEYS__: readonly string[] | undefined;
