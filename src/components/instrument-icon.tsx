/**
 * An instrument's base-asset badge: generated WebP at 1x/2x/3x with a PNG fallback, fixed size so
 * nothing shifts while it loads. Assets without generated files (a future exchange source) get the
 * same badge drawn in CSS.
 */
import type { CSSProperties } from 'react';
import type { Instrument } from '../../protocol/instruments';
import {
  ICON_SCALES,
  assetIconKey,
  assetIconUrl,
  badgeCode,
  badgeColor,
  type IconDisplaySize,
} from '../lib/asset-badge';
import './instrument-icon.css';

let available: ReadonlySet<string> | undefined;

/** True when the build rendered icon files for `key`. */
export function hasGeneratedIcon(key: string): boolean {
  available ??= new Set(typeof __ASSET_ICON_KEYS__ === 'undefined' ? [] : __ASSET_ICON_KEYS__);
  return available.has(key);
}

export interface InstrumentIconProps {
  /** Undefined while instruments load: an empty box of the same size holds the place. */
  instrument: Pick<Instrument, 'assetClass' | 'base'> | undefined;
  /** Displayed size in CSS pixels. */
  size: IconDisplaySize;
  /** In the first viewport: load eagerly. Everything else is lazy. */
  priority?: boolean;
}

/** `/img/asset/x-16.webp 1x, /img/asset/x-32.webp 2x, /img/asset/x-48.webp 3x` */
export function iconSrcSet(key: string, size: IconDisplaySize): string {
  return ICON_SCALES.map((scale) => `${assetIconUrl(key, size * scale, 'webp')} ${scale}x`).join(
    ', ',
  );
}

export function InstrumentIcon({ instrument, size, priority = false }: InstrumentIconProps) {
  if (!instrument) {
    return <span className="asset-icon" style={{ width: size, height: size }} aria-hidden="true" />;
  }
  const { assetClass, base } = instrument;
  const key = assetIconKey(assetClass, base);
  if (!hasGeneratedIcon(key)) {
    const code = badgeCode(base);
    const style: CSSProperties = {
      width: size,
      height: size,
      background: badgeColor(assetClass, base),
      fontSize: Math.round(size * (code.length === 1 ? 0.53 : code.length === 2 ? 0.42 : 0.31)),
    };
    // The letters come from CSS (attr()), so they never join the row's text content.
    return (
      <span
        className={`asset-icon asset-badge asset-badge-${assetClass}`}
        style={style}
        data-code={code}
        aria-hidden="true"
        data-testid="asset-badge"
      />
    );
  }
  return (
    <picture className="asset-icon">
      <source type="image/webp" srcSet={iconSrcSet(key, size)} />
      <img
        src={assetIconUrl(key, size, 'png')}
        width={size}
        height={size}
        alt=""
        loading={priority ? 'eager' : 'lazy'}
        decoding={priority ? 'auto' : 'async'}
      />
    </picture>
  );
}
