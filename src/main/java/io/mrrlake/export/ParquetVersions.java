package io.mrrlake.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The layout of a Parquet dataset: immutable version folders and one pointer object.
 *
 * <pre>
 *   &lt;dataset&gt;/_CURRENT                         text: the current version's name
 *   &lt;dataset&gt;/_versions/&lt;version&gt;/&lt;MONTH&gt;=yyyy-MM/part-….parquet
 * </pre>
 *
 * A run writes a new version folder no reader looks at, checks it, then replaces {@code _CURRENT}
 * with one write: a single PUT on object stores (atomic there), write-then-rename elsewhere. Readers
 * resolve the pointer first, so they see the old version or the new one, never a mix. Both names
 * start with "_", which Spark's file listing hides: a reader that ignores the pointer and reads the
 * dataset folder directly gets "unable to infer schema", not duplicated rows.
 */
final class ParquetVersions {
    static final String POINTER = "_CURRENT";
    static final String VERSIONS = "_versions";

    private final Path dataset;
    private final FileSystem fs;
    private final Configuration conf;

    ParquetVersions(Path dataset, Configuration conf) throws IOException {
        this.dataset = dataset;
        this.conf = conf;
        this.fs = dataset.getFileSystem(conf);
    }

    /** A fresh, sortable version name: time first, so listing order is write order. */
    static String newVersionName() {
        return String.format("v%015d-%s", System.currentTimeMillis(), UUID.randomUUID().toString().substring(0, 8));
    }

    Path versionPath(String version) {
        return new Path(new Path(dataset, VERSIONS), version);
    }

    FileSystem fs() {
        return fs;
    }

    Optional<String> current() throws IOException {
        Path p = new Path(dataset, POINTER);
        if (!fs.exists(p)) {
            return Optional.empty();
        }
        try (InputStream in = fs.open(p)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            String v = out.toString(StandardCharsets.UTF_8).trim();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }
    }

    /** Makes version the one readers see, in one atomic step. */
    void publish(String version, boolean objectStore) throws IOException {
        byte[] body = (version + "\n").getBytes(StandardCharsets.UTF_8);
        Path pointer = new Path(dataset, POINTER);
        if (objectStore) {
            // S3/GCS: an object becomes visible whole when the upload completes, replacing the old one.
            try (FSDataOutputStream out = fs.create(pointer, true)) {
                out.write(body);
            }
            return;
        }
        Path tmp = new Path(dataset, "_CURRENT.tmp-" + UUID.randomUUID());
        try (FSDataOutputStream out = fs.create(tmp, false)) {
            out.write(body);
        }
        FileContext.getFileContext(dataset.toUri(), conf).rename(tmp, pointer, Options.Rename.OVERWRITE);
    }

    /**
     * Copies the month folders of the previous version that this run did not write, so the new
     * version is "previous, with the touched months replaced" (dynamic partition overwrite).
     */
    int carryForwardUntouched(String previous, String next) throws IOException {
        Path from = versionPath(previous);
        Path to = versionPath(next);
        if (!fs.exists(from)) {
            return 0;
        }
        int copied = 0;
        for (FileStatus st : fs.listStatus(from)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && name.contains("=") && !fs.exists(new Path(to, name))) {
                FileUtil.copy(fs, st.getPath(), fs, new Path(to, name), false, conf);
                copied++;
            }
        }
        return copied;
    }

    /**
     * Deletes versions other than the current and the one before it. The one before stays so that a
     * reader that resolved the pointer just before the flip can finish; older ones (and folders of
     * runs that failed before publishing) go.
     */
    void deleteOldVersions(String current, String previous) throws IOException {
        Path root = new Path(dataset, VERSIONS);
        if (!fs.exists(root)) {
            return;
        }
        for (FileStatus st : fs.listStatus(root)) {
            String name = st.getPath().getName();
            if (!name.equals(current) && !name.equals(previous)) {
                fs.delete(st.getPath(), true);
            }
        }
    }

    /** Stores where a new object replaces the old one in one step and renames are copies. */
    static boolean objectStore(String scheme) {
        return Set.of("s3a", "s3", "gs").contains(scheme);
    }
}
