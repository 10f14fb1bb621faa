package io.mrrlake.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mrrlake.config.LockSettings;
import io.mrrlake.spark.Repeating;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per output and state location. The run creates {@code <location>/_mrrlake.lock}
 * (owner, run id, start time, heartbeat) only if no such object exists, rewrites the heartbeat while
 * it runs, and deletes the object at the end, also when the run fails. A second run finds the object
 * and fails at once naming its holder; an object whose heartbeat is older than the stale timeout was
 * left by a run that died and is taken over, and so is, at once, a lock whose holder ran on this
 * machine and whose process is gone.
 *
 * <p>"Only if none exists" is atomic on the local file system (O_EXCL), HDFS, ABFS (If-None-Match)
 * and GCS (generation 0). S3A in Hadoop 3.3 checks with a HEAD and then PUTs: two runs started within
 * the same fraction of a second can both pass; docs/OPERATIONS.md says so.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    public static final String FILE_NAME = "_mrrlake.lock";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SETTLE_READS = 5;
    private static final long SETTLE_PAUSE_MS = 200;

    /** What a lock object says about its holder. */
    public record Holder(String runId, String owner, String host, long pid, Instant startedAt, Instant heartbeatAt) {
        String describe() {
            return owner + " (run " + runId + ", started " + startedAt + ", last heartbeat " + heartbeatAt + ")";
        }

        Holder beating(Instant now) {
            return new Holder(runId, owner, host, pid, startedAt, now);
        }

        /** A holder on this machine whose process is gone died without releasing (kill -9, a crash). */
        boolean deadOnThisHost() {
            return HOST.equals(host) && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
    }

    private static final String HOST = hostName();

    private final List<Path> held;
    private final Configuration hadoop;
    private final Holder self;
    private final ScheduledExecutorService heartbeat;
    private volatile String lost;
    /** Set by close under this object's monitor, which each beat holds while it writes. */
    private boolean released;

    private RunLock(List<Path> held, Configuration hadoop, Holder self, Duration every) {
        this.held = held;
        this.hadoop = hadoop;
        this.self = self;
        this.heartbeat = Repeating.every(every, "mrrlake-lock-heartbeat", this::beat);
    }

    /**
     * Takes the lock at every location, in the order given, or none: when one is held by a live run,
     * the ones already taken are released and {@link RunFailedException} names the holder.
     */
    public static RunLock acquire(List<String> locations, Configuration hadoop, LockSettings settings) {
        Instant now = Instant.now();
        long pid = ProcessHandle.current().pid();
        Holder self = new Holder(UUID.randomUUID().toString(), System.getProperty("user.name") + "@" + HOST + " pid " + pid,
                HOST, pid, now, now);
        List<Path> taken = new ArrayList<>();
        try {
            for (String location : locations.stream().distinct().toList()) {
                Path p = qualified(new Path(location, FILE_NAME), hadoop);
                take(p, hadoop, self, settings.staleAfter());
                taken.add(p);
            }
        } catch (RuntimeException e) {
            taken.forEach(p -> deleteIfOurs(p, hadoop, self));
            throw e;
        }
        LOG.info("run lock taken at {} by {}", taken, self.owner());
        return new RunLock(taken, hadoop, self, settings.heartbeat());
    }

    /** Whether the heartbeat found another run's lock in place of ours: then this run must not write. */
    public void checkStillHeld() {
        if (lost != null) {
            throw new RunFailedException(lost);
        }
    }

    public Holder holder() {
        return self;
    }

    /**
     * Deletes the lock. A beat in progress ends first (not interrupted, which could leave the file
     * half-written and so not recognisably ours), and none writes after: a beat that wrote the lock
     * back after its deletion left a lock that refused every next run until it turned stale.
     */
    @Override
    public void close() {
        heartbeat.shutdown();
        synchronized (this) {
            released = true;
            for (Path p : held) {
                deleteIfOurs(p, hadoop, self);
            }
        }
        LOG.info("run lock released at {}", held);
    }

    private synchronized void beat() {
        if (released) return;
        Holder now = self.beating(Instant.now());
        for (Path p : held) {
            try {
                Holder found = read(p, hadoop);
                if (found == null || !self.runId().equals(found.runId())) {
                    lost = "the run lock at " + p + " was taken over by " + (found == null ? "nobody (deleted)" : found.describe())
                            + " while this run held it: its heartbeat was older than run.lock.stale_after_seconds";
                    LOG.error("{}", lost);
                    continue;
                }
                FileSystem fs = fileSystem(p, hadoop);
                try (OutputStream out = fs.create(p, true)) {
                    out.write(json(now));
                }
            } catch (IOException | RuntimeException e) {
                // The next beat tries again; only a lock older than the stale timeout can be taken.
                LOG.warn("run lock heartbeat at {} failed: {}", p, e.toString());
            }
        }
    }

    private static void take(Path p, Configuration hadoop, Holder self, Duration staleAfter) {
        try {
            if (createExclusive(p, hadoop, self)) return;
            Holder other = read(p, hadoop);
            Instant lastSign = other != null ? other.heartbeatAt() : modified(p, hadoop);
            boolean live = lastSign != null && lastSign.plus(staleAfter).isAfter(Instant.now())
                    && (other == null || !other.deadOnThisHost());
            if (live) {
                throw new RunFailedException("another run holds the lock at " + p + ": "
                        + (other == null ? "being written now" : other.describe())
                        + "; one run at a time per output. A lock with no heartbeat for run.lock.stale_after_seconds ("
                        + staleAfter.toSeconds() + " s) is taken over.");
            }
            LOG.warn("taking over the run lock at {} of {}: {}", p, other == null ? "an unreadable lock" : other.describe(),
                    other != null && other.deadOnThisHost() ? "its process is gone" : "no heartbeat for " + staleAfter.toSeconds() + " s");
            fileSystem(p, hadoop).delete(p, false);
            if (!createExclusive(p, hadoop, self)) {
                Holder winner = read(p, hadoop);
                throw new RunFailedException("another run took the stale lock at " + p + " first: "
                        + (winner == null ? "unknown" : winner.describe()));
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot take the run lock at " + p + ": " + e, e);
        }
    }

    /** Creates the lock object only if none exists; false when one does. */
    private static boolean createExclusive(Path p, Configuration hadoop, Holder self) throws IOException {
        if ("file".equals(p.toUri().getScheme())) {
            // Hadoop's local file system checks and then creates; the JDK's CREATE_NEW is one O_EXCL call.
            java.nio.file.Path local = Paths.get(p.toUri());
            Files.createDirectories(local.getParent());
            try {
                Files.write(local, json(self), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        FileSystem fs = fileSystem(p, hadoop);
        try (OutputStream out = fs.create(p, false)) {
            out.write(json(self));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * The holder a lock object names; null when it is gone or stays unreadable. Every writer (a
     * heartbeat, a run taking the lock) writes the file in place, so any read can catch it
     * half-written: it is read again, up to {@link #SETTLE_READS} times {@link #SETTLE_PAUSE_MS} ms,
     * so a refusal or a lost lock names the run that holds it.
     */
    static Holder read(Path p, Configuration hadoop) throws IOException {
        Holder h = readOnce(p, hadoop);
        for (int i = 1; h == null && i < SETTLE_READS && fileSystem(p, hadoop).exists(p); i++) {
            try {
                Thread.sleep(SETTLE_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            h = readOnce(p, hadoop);
        }
        return h;
    }

    /** The holder a lock object names; null when it is gone or not (yet) whole. */
    private static Holder readOnce(Path p, Configuration hadoop) throws IOException {
        FileSystem fs = fileSystem(p, hadoop);
        byte[] bytes;
        try (InputStream in = fs.open(p)) {
            bytes = in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            return new Holder(n.get("runId").asText(), n.get("owner").asText(), n.get("host").asText(), n.get("pid").asLong(),
                    Instant.parse(n.get("startedAt").asText()), Instant.parse(n.get("heartbeatAt").asText()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Instant modified(Path p, Configuration hadoop) throws IOException {
        try {
            return Instant.ofEpochMilli(fileSystem(p, hadoop).getFileStatus(p).getModificationTime());
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }

    private static void deleteIfOurs(Path p, Configuration hadoop, Holder self) {
        try {
            Holder found = read(p, hadoop);
            if (found != null && found.runId().equals(self.runId())) {
                fileSystem(p, hadoop).delete(p, false);
            }
        } catch (IOException e) {
            LOG.warn("could not release the run lock at {}: {} (it turns stale after run.lock.stale_after_seconds)", p, e.toString());
        }
    }

    /** A plain path ("/data/out") names the default file system; the scheme decides how to create. */
    private static Path qualified(Path p, Configuration hadoop) {
        try {
            return p.getFileSystem(hadoop).makeQualified(p);
        } catch (IOException e) {
            throw new RunFailedException("cannot reach the run lock location " + p + ": " + e, e);
        }
    }

    /** The raw local file system for file: paths, so no checksum side files sit beside the lock. */
    private static FileSystem fileSystem(Path p, Configuration hadoop) throws IOException {
        FileSystem fs = p.getFileSystem(hadoop);
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    static byte[] json(Holder h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", h.runId());
        m.put("owner", h.owner());
        m.put("host", h.host());
        m.put("pid", h.pid());
        m.put("startedAt", h.startedAt().toString());
        m.put("heartbeatAt", h.heartbeatAt().toString());
        try {
            return JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
