import { describe, expect, it } from 'vitest';
import { assetIconKey, assetIconUrl, badgeCode, badgeColor } from './asset-badge';

describe('asset badges', () => {
  it('keys an asset by class and a URL-safe slug', () => {
    expect(assetIconKey('crypto', 'BTC')).toBe('crypto-btc');
    expect(assetIconKey('equity', 'BRK.B')).toBe('equity-brk-b');
    expect(assetIconKey('fx', '')).toBe('fx-x');
    expect(assetIconUrl('fx-eur', 48, 'webp')).toBe('/img/asset/fx-eur-48.webp');
  });

  it('shows one to three letters', () => {
    expect(badgeCode('V')).toBe('V');
    expect(badgeCode('RENDER')).toBe('REN');
    expect(badgeCode('brk.b')).toBe('BRK');
    expect(badgeCode('.-')).toBe('?');
  });

  it('gives an asset the same colour every time and different assets different ones', () => {
    expect(badgeColor('crypto', 'BTC')).toBe(badgeColor('crypto', 'btc'));
    const colours = new Set(
      ['BTC', 'ETH', 'SOL', 'XRP', 'ADA'].map((b) => badgeColor('crypto', b)),
    );
    expect(colours.size).toBe(5);
    expect(badgeColor('crypto', 'BTC')).toMatch(/^hsl\(\d+, 60%, 28%\)$/);
  });
});
