import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { undoWindows } from './undo-window';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  undoWindows.cancel(1);
  vi.useRealTimers();
});

describe('undo windows', () => {
  it('close after their time, once', () => {
    const onClose = vi.fn();
    undoWindows.open(1, 6000, onClose);
    vi.advanceTimersByTime(5999);
    expect(onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(undoWindows.isOpen(1)).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('stand still while paused and run on with the time they had left', () => {
    const onClose = vi.fn();
    undoWindows.open(1, 6000, onClose);
    vi.advanceTimersByTime(4000);
    undoWindows.pause(1);
    expect(undoWindows.isPaused(1)).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(onClose).not.toHaveBeenCalled();

    undoWindows.resume(1);
    vi.advanceTimersByTime(1999);
    expect(onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('ignore a second pause or resume, and a cancelled window never closes', () => {
    const onClose = vi.fn();
    undoWindows.open(1, 6000, onClose);
    undoWindows.resume(1);
    vi.advanceTimersByTime(3000);
    undoWindows.pause(1);
    vi.advanceTimersByTime(1000);
    undoWindows.pause(1);
    undoWindows.resume(1);
    vi.advanceTimersByTime(2999);
    expect(onClose).not.toHaveBeenCalled();
    undoWindows.cancel(1);
    vi.advanceTimersByTime(60_000);
    expect(onClose).not.toHaveBeenCalled();
    // Pausing what is not open is harmless.
    undoWindows.pause(1);
    undoWindows.resume(1);
    expect(undoWindows.isOpen(1)).toBe(false);
  });
});
