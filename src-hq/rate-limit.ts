/** A token bucket per client address: enough to stop a runaway desk or a flood, never a normal sync. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  constructor(private readonly opts: { capacity: number; perSecond: number }) {}

  /** Take one token for `client` at time `nowMs`; false when its bucket is empty. */
  take(client: string, nowMs: number): boolean {
    const b = this.buckets.get(client) ?? { tokens: this.opts.capacity, at: nowMs }
    b.tokens = Math.min(this.opts.capacity, b.tokens + ((nowMs - b.at) / 1000) * this.opts.perSecond)
    b.at = nowMs
    if (this.buckets.size > 10_000) this.buckets.clear() // bounded memory under a spray of addresses
    this.buckets.set(client, b)
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }
}
