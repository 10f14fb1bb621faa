package io.mrrlake.export;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a Delta table's newest commit says about itself, read from its commit file as the Delta
 * protocol lays it out ({@code _delta_log/<20-digit version>.json}, one action per line, one of them
 * {@code commitInfo}). Reading the file on the driver costs a listing and one small read;
 * {@code DeltaTable.history(1)} costs a Spark job per dataset.
 */
final class DeltaCommitLog {
    private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaCommitLog() {}

    /**
     * The rows the newest commit wrote ({@code operationMetrics.numOutputRows}), or -1 when it is not
     * a {@code WRITE} or does not record them. Right after a write, the newest commit is that write's
     * in a run: the run lock keeps other mrrlake runs off the same output. A commit by something else
     * (a compaction, another writer) in between is not a {@code WRITE} of ours, and -1 says the
     * count is unknown rather than borrowing its figure. Coordinated commits (off by default in
     * Delta 3) keep the newest commits elsewhere, and this would then read an older one.
     */
    static long newestCommitRows(String table, Configuration conf) throws IOException {
        Path log = logOf(table);
        FileSystem fs = log.getFileSystem(conf);
        Path newest = newestCommit(fs, log);
        if (newest == null) {
            throw new IOException("no Delta commit under " + log);
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(fs.open(newest), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode info = JSON.readTree(line).get("commitInfo");
                if (info != null) {
                    if (!"WRITE".equals(info.path("operation").asText())) return -1;
                    JsonNode rows = info.path("operationMetrics").path("numOutputRows");
                    return rows.isMissingNode() || rows.isNull() ? -1 : Long.parseLong(rows.asText());
                }
            }
        }
        return -1;
    }

    /** Whether a Delta table has any commit at {@code table}: false for a missing or empty folder. */
    static boolean hasCommits(String table, Configuration conf) throws IOException {
        Path log = logOf(table);
        return newestCommit(log.getFileSystem(conf), log) != null;
    }

    private static Path logOf(String table) {
        return new Path(table, "_delta_log");
    }

    /** The newest {@code <version>.json} commit file under a table's log, or null when there is none. */
    private static Path newestCommit(FileSystem fs, Path log) throws IOException {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(log);
        } catch (FileNotFoundException e) {
            return null;
        }
        Path newest = null;
        long newestVersion = -1;
        for (FileStatus st : entries) {
            Matcher m = COMMIT_FILE.matcher(st.getPath().getName());
            long version = m.matches() ? Long.parseLong(m.group(1)) : -1;
            if (version > newestVersion) {
                newestVersion = version;
                newest = st.getPath();
            }
        }
        return newest;
    }
}
