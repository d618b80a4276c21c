import { Component, lazy, type ReactNode } from 'react';
import { ErrorMessage } from './error-message';

interface ErrorBoundaryProps {
  /** What could not be shown, for the message: "This page", "The charts". */
  what: string;
  children: ReactNode;
}

/**
 * Keeps a failure inside the part that failed: a chunk that cannot be fetched (offline, or a new
 * release replaced it) shows a message with Try again instead of a blank page.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const offline = typeof navigator !== 'undefined' && !navigator.onLine;
    return (
      <ErrorMessage
        title={`${this.props.what} could not be shown.`}
        message={
          offline
            ? 'You are offline. Try again once you are back online.'
            : 'Moneta could not load a part of itself; it may have just been updated.'
        }
        onRetry={() => {
          this.setState({ failed: false });
        }}
      />
    );
  }
}

/**
 * `React.lazy` that can be tried again: React keeps a failed import for good, so after a failure
 * the next render starts a fresh one (what an error boundary's Try again then shows). `preload`
 * fetches the code ahead of the first render; code that arrived before it renders at once,
 * without suspending (React holds a revealed Suspense boundary back for 300 ms, to spare the eye
 * a flash of fallback, even when the code was already there).
 */
export function retryableLazy<P extends object>(
  load: () => Promise<(props: P) => ReactNode>,
): ((props: P) => ReactNode) & { preload(): Promise<unknown> } {
  let ready: ((props: P) => ReactNode) | null = null;
  // Once the lazy wrapper has rendered, it stays: switching component types would remount.
  let renderedLazy = false;
  const loadOnce = () =>
    load().then((loaded) => {
      ready = loaded;
      return loaded;
    });
  const make = () =>
    lazy(() =>
      loadOnce().then(
        (loaded) => ({ default: loaded }),
        (error: unknown) => {
          current = make();
          throw error;
        },
      ),
    );
  let current = make();
  function RetryableLazy(props: P) {
    if (ready && !renderedLazy) {
      const Ready = ready;
      return <Ready {...props} />;
    }
    renderedLazy = true;
    const Loaded = current;
    return <Loaded {...props} />;
  }
  RetryableLazy.preload = () => loadOnce();
  return RetryableLazy;
}
