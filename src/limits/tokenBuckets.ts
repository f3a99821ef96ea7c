/** How many requests a client may make in a burst, and how fast its allowance comes back. */
export interface BucketLimits {
  readonly capacity: number;
  readonly refillPerSecond: number;
  /** clients remembered at once; the least recently seen are forgotten first */
  readonly maxClients: number;
}

export const DEFAULT_TOKEN_REQUEST_LIMITS: BucketLimits = Object.freeze({ capacity: 10, refillPerSecond: 1 / 6, maxClients: 10_000 });

export type TakeResult = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A token bucket per client, in memory: enough for one bot process, and bounded in size. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: BucketLimits = DEFAULT_TOKEN_REQUEST_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the client's allowance, or says how long to wait. */
  take(client: string): TakeResult {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.limits.capacity, updatedAt: now };
    bucket.tokens = Math.min(this.limits.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.limits.refillPerSecond);
    bucket.updatedAt = now;
    // Re-inserting keeps the Map in least-recently-seen order for eviction.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    this.evictBeyondLimit();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limits.refillPerSecond)) };
  }

  private evictBeyondLimit(): void {
    // Checked before looking for the oldest: finding a Map's head walks over the slots deleted entries left.
    if (this.buckets.size <= this.limits.maxClients) return;
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= this.limits.maxClients) return;
      this.buckets.delete(client);
    }
  }
}
