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

/*
 * jsdom has <dialog> but not its modal API. This opens and closes it as the attribute says and
 * nothing more: focus on open, Escape and focus return are the Dialog component's own code, so
 * the tests exercise that code, not a stand-in for the browser.
 */
if (typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError');
    if (!this.isConnected)
      throw new DOMException('The dialog is not in a document.', 'InvalidStateError');
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute('open');
    // As in browsers, the close event comes in a task of its own.
    setTimeout(() => this.dispatchEvent(new Event('close')), 0);
  };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
  scrollY = 0;
});
