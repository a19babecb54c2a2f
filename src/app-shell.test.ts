// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import html from '../index.html?raw';
import { APP_TITLE } from './app';

const shell = new DOMParser().parseFromString(html, 'text/html');

describe('the app shell in index.html', () => {
  it('paints the app header before any script runs', () => {
    const title = shell.querySelector('#root > .app > header.topbar > h1');
    expect(title?.textContent).toBe(APP_TITLE);
  });

  it('holds nothing that could be mistaken for data (no prices, no lists)', () => {
    const root = shell.querySelector('#root');
    expect(root?.querySelectorAll('*').length).toBe(3);
    expect(root?.textContent?.trim()).toBe(APP_TITLE);
  });
});
