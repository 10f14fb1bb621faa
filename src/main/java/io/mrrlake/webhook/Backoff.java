package io.mrrlake.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter: before retry n (1-based) wait a uniform random time in
 * [0, min(max, initial × 2^(n−1))]. Full jitter spreads retries of many deliveries that failed together.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The cap before retry {@code retry} (1-based), without jitter. */
    long capMillis(int retry) {
        int shift = Math.min(retry - 1, 40);
        long exp = initialMillis << shift;
        if (exp < 0 || (shift > 0 && exp >> shift != initialMillis)) {
            exp = Long.MAX_VALUE;
        }
        return Math.min(maxMillis, exp);
    }

    long delayMillis(int retry) {
        long cap = capMillis(retry);
        return cap <= 0 ? 0 : random.nextLong(cap + 1);
    }
}
