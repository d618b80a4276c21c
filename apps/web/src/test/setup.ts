import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom lays nothing out: give the history's rows a height so the window virtualizer renders
// them (the window itself is jsdom's 1024 × 768), and let the window scroll over a tall page.
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('history-row') ? 37 : 0;
  },
});
Object.defineProperty(Element.prototype, 'scrollHeight', {
  configurable: true,
  get(this: Element) {
    return this === document.documentElement ? 1_000_000 : 0;
  },
});
let scrollY = 0;
Object.defineProperty(window, 'scrollY', { configurable: true, get: () => scrollY });
function scrollTo(options?: ScrollToOptions): void;
function scrollTo(x: number, y: number): void;
function scrollTo(options?: ScrollToOptions | number, y?: number): void {
  scrollY = (typeof options === 'number' ? y : options?.top) ?? scrollY;
  window.dispatchEvent(new Event('scroll'));
}
window.scrollTo = scrollTo;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
  scrollY = 0;
});
