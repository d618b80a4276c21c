import { useEffect, useRef } from 'react';

/** Whether a key press belongs to what has focus: typing in a field, or a dialog in front. */
function belongsToFocus(event: KeyboardEvent): boolean {
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable) return true;
    if (target.closest('input, textarea, select, [role="textbox"], [role="combobox"]')) return true;
  }
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

/**
 * A page-wide single-key shortcut (`[`, `]`, `/`, `n`): ignored with Ctrl, Alt or Meta held, while
 * typing in a field and while a dialog is open, so it never takes a character from the user.
 */
export function useShortcut(key: string, handler: (event: KeyboardEvent) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== key || event.defaultPrevented || event.repeat) return;
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (belongsToFocus(event)) return;
      event.preventDefault();
      latest.current(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [key]);
}
