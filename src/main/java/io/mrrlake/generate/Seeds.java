package io.mrrlake.generate;

import java.util.SplittableRandom;

/** Independent, reproducible random streams derived from the run's seed and a stream number. */
final class Seeds {
    /** Stream numbers of things that are not customers (customers use their index, from 0). */
    static final long RATES = -1;
    static final long STATIC_BAD = -2;

    private Seeds() {}

    static SplittableRandom stream(long seed, long index) {
        return new SplittableRandom(mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L)));
    }

    /** MurmurHash3's 64-bit finaliser: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
