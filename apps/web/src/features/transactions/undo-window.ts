/**
 * The undo window of each waiting delete: a countdown that stands still while the person is on
 * its toast (focus inside it, or the pointer over it) and runs on with the time it had left when
 * they leave. The data layer opens and closes a window; the screen only pauses and resumes it,
 * so neither needs the other's timers.
 */
interface Countdown {
  remainingMs: number;
  /** When the running stretch began; null while paused. */
  startedAt: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  onClose: () => void;
}

const windows = new Map<number, Countdown>();

function run(id: number, countdown: Countdown): void {
  countdown.startedAt = Date.now();
  countdown.timer = setTimeout(() => {
    windows.delete(id);
    countdown.onClose();
  }, countdown.remainingMs);
}

export const undoWindows = {
  /** Starts the window of `id`; `onClose` runs once it has been open `ms` unpaused. */
  open(id: number, ms: number, onClose: () => void): void {
    undoWindows.cancel(id);
    const countdown: Countdown = { remainingMs: ms, startedAt: null, timer: null, onClose };
    windows.set(id, countdown);
    run(id, countdown);
  },
  /** Ends the window without running its `onClose` (Undo, or a flush that commits at once). */
  cancel(id: number): void {
    const countdown = windows.get(id);
    if (countdown?.timer) clearTimeout(countdown.timer);
    windows.delete(id);
  },
  pause(id: number): void {
    const countdown = windows.get(id);
    if (!countdown || countdown.startedAt === null) return;
    if (countdown.timer) clearTimeout(countdown.timer);
    countdown.timer = null;
    countdown.remainingMs = Math.max(0, countdown.remainingMs - (Date.now() - countdown.startedAt));
    countdown.startedAt = null;
  },
  resume(id: number): void {
    const countdown = windows.get(id);
    if (!countdown || countdown.startedAt !== null) return;
    run(id, countdown);
  },
  isOpen(id: number): boolean {
    return windows.has(id);
  },
  isPaused(id: number): boolean {
    return windows.get(id)?.startedAt === null;
  },
};
