interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket that only failures drain: `capacity` failures are free, then one more is allowed
 * every `refillMs`. Successful attempts never count. Kept in memory: Moneta is one process.
 */
export class FailureThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private current(key: string): Bucket {
    const bucket = this.buckets.get(key);
    const now = this.now();
    if (!bucket) return { tokens: this.capacity, updatedAt: now };
    const refilled = Math.min(
      this.capacity,
      bucket.tokens + (now - bucket.updatedAt) / this.refillMs,
    );
    return { tokens: refilled, updatedAt: now };
  }

  /** Seconds until the next attempt is allowed; 0 when one is allowed now. */
  retryAfterSeconds(key: string): number {
    const bucket = this.current(key);
    if (bucket.tokens >= 1) return 0;
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * this.refillMs) / 1000));
  }

  fail(key: string): void {
    const bucket = this.current(key);
    this.buckets.set(key, { tokens: Math.max(0, bucket.tokens - 1), updatedAt: bucket.updatedAt });
    if (this.buckets.size > 10_000) this.sweep();
  }

  /** Gives back one failure charged in advance for an attempt that turned out right. */
  refund(key: string): void {
    const bucket = this.current(key);
    this.buckets.set(key, {
      tokens: Math.min(this.capacity, bucket.tokens + 1),
      updatedAt: bucket.updatedAt,
    });
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }

  private sweep(): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.current(key).tokens >= this.capacity) this.buckets.delete(key);
    }
  }
}
