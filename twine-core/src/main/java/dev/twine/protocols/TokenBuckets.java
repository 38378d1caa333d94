package dev.twine.protocols;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key, for rate limits: a key may take {@code burst} tokens at once, and its
 * bucket refills at {@code rate} tokens per second up to {@code burst}.
 *
 * <p>Memory stays bounded: a bucket that has had time to refill is forgotten, which changes
 * nothing since a new bucket starts full, and beyond {@code maxKeys} the least recently used
 * bucket is forgotten. Each call forgets buckets from the least recently used end while they are
 * full, so the cost is constant on average.
 *
 * <p>Not thread-safe.
 */
final class TokenBuckets<K> {
  private final double rate;
  private final double burst;
  private final int maxKeys;
  /** In order of last use, least recent first. */
  private final LinkedHashMap<K, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Bucket {
    double tokens;
    double updated;

    Bucket(double tokens, double updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  TokenBuckets(double rate, int burst, int maxKeys) {
    this.rate = rate;
    this.burst = burst;
    this.maxKeys = maxKeys;
  }

  /** Takes a token from the bucket of {@code key} at time {@code now}, in seconds; returns whether it had one. */
  boolean take(K key, double now) {
    forgetFull(now);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys) {
        Iterator<Map.Entry<K, Bucket>> eldest = buckets.entrySet().iterator();
        eldest.next();
        eldest.remove();
      }
      bucket = new Bucket(burst, now);
      buckets.put(key, bucket);
    } else {
      bucket.tokens = refilled(bucket, now);
      bucket.updated = now;
    }
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  /** Returns how many buckets are remembered. */
  int size() {
    return buckets.size();
  }

  private void forgetFull(double now) {
    Iterator<Bucket> oldest = buckets.values().iterator();
    while (oldest.hasNext() && refilled(oldest.next(), now) >= burst) {
      oldest.remove();
    }
  }

  private double refilled(Bucket bucket, double now) {
    return Math.min(burst, bucket.tokens + Math.max(0, now - bucket.updated) * rate);
  }
}
