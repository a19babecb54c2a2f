import { describe, expect, it } from 'vitest';
import { pwaManifest } from './pwa-manifest';

describe('web app manifest', () => {
  it('has the members Chromium needs to install the app', () => {
    expect(pwaManifest).toMatchObject({
      id: '/',
      name: 'Quotedeck',
      short_name: 'Quotedeck',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#0d1117',
      theme_color: '#0d1117',
      lang: 'en',
    });
    expect(pwaManifest.description?.length).toBeGreaterThan(20);
    expect(pwaManifest.display_override).toContain('standalone');
    expect(pwaManifest.categories).toContain('finance');
  });

  it('declares 192 and 512 any icons and a separate maskable 512, all PNG', () => {
    const icons = (pwaManifest.icons ?? []).map((i) => `${i.sizes} ${String(i.purpose)}`);
    expect(icons.sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of pwaManifest.icons ?? []) {
      expect(icon.type).toBe('image/png');
      expect(icon.src).toMatch(/^\/icons\/.+\.png$/);
    }
  });

  it('has one wide and one narrow PNG screenshot with labels and plausible sizes', () => {
    const shots = pwaManifest.screenshots ?? [];
    expect(shots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
    for (const shot of shots) {
      expect(shot.type).toBe('image/png');
      expect(shot.label?.length).toBeGreaterThan(5);
      const [width = 0, height = 0] = shot.sizes.split('x').map(Number);
      // Chromium's rules: 320–3840 px a side, at most 2.3:1.
      expect(Math.min(width, height)).toBeGreaterThanOrEqual(320);
      expect(Math.max(width, height) / Math.min(width, height)).toBeLessThanOrEqual(2.3);
      expect(shot.form_factor === 'wide' ? width > height : height > width).toBe(true);
    }
  });

  it('offers shortcuts that open an instrument through ?symbol=', () => {
    const shortcuts = pwaManifest.shortcuts ?? [];
    expect(shortcuts.length).toBeGreaterThan(0);
    expect(shortcuts.map((s) => s.url)).toContain('/?symbol=BTC-USD');
    for (const shortcut of shortcuts) expect(shortcut.name).toBeTruthy();
  });
});
