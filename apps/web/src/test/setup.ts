import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom lays nothing out: give the history's rows a height so the window virtualizer renders
// them (the window itself is jsdom's 1024 × 768), and let it scroll without complaint.
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('history-row') ? 37 : 0;
  },
});
window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});
