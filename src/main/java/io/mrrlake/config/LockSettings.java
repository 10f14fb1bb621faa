package io.mrrlake.config;

import java.time.Duration;

/**
 * The run lock's timing.
 *
 * @param heartbeat  how often a running job rewrites its lock's heartbeat
 * @param staleAfter a lock whose heartbeat is older than this belongs to a run that died
 */
public record LockSettings(Duration heartbeat, Duration staleAfter) {
    public static LockSettings of(Duration heartbeat, Duration staleAfter) {
        // A live run misses at most one beat (a long GC pause, a slow store) before looking dead.
        if (staleAfter.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new ConfigException("run.lock.stale_after_seconds", "'" + staleAfter.toSeconds()
                    + "' must be at least 3 times run.lock.heartbeat_seconds (" + heartbeat.toSeconds() + ")");
        }
        return new LockSettings(heartbeat, staleAfter);
    }
}
