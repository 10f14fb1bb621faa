package io.mrrlake.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.mrrlake.spark.HiddenPaths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * A plain Parquet dataset folder and its staging place.
 *
 * <pre>
 *   &lt;root&gt;/&lt;dataset&gt;/DATE_MONTH=yyyy-MM/part-….parquet     what readers read
 *   &lt;root&gt;/&lt;dataset&gt;/_SUCCESS                              present while no run is moving files in
 *   &lt;root&gt;/_staging/&lt;dataset&gt;/&lt;attempt&gt;/new/…            this run's files until they move in
 *   &lt;root&gt;/_staging/&lt;dataset&gt;/&lt;attempt&gt;/old/…            the replaced files until they are deleted
 * </pre>
 *
 * The staging place is outside the dataset folder, so a reader pointed at the dataset never sees
 * staged or replaced files, whatever state a failed or killed run left them in. The next write of
 * the dataset deletes whatever an earlier attempt left there.
 */
final class ParquetFolder {
    static final String STAGING = "_staging";
    static final String SUCCESS = "_SUCCESS";

    private final Path dataset;
    private final Path attempt;
    private final FileSystem fs;
    private final Configuration conf;

    /**
     * @param root        the destination's root
     * @param datasetPath the dataset's folder under the root, e.g. "calculated/mrr_movements"
     */
    ParquetFolder(String root, String datasetPath, Configuration conf) throws IOException {
        this.dataset = new Path(root + "/" + datasetPath);
        this.attempt = new Path(new Path(root + "/" + STAGING + "/" + datasetPath), UUID.randomUUID().toString());
        this.fs = dataset.getFileSystem(conf);
        this.conf = conf;
    }

    Path dataset() {
        return dataset;
    }

    FileSystem fs() {
        return fs;
    }

    /** Where this attempt's write goes (a folder that does not exist yet). */
    Path staged() {
        return new Path(attempt, "new");
    }

    /**
     * Deletes the hidden checksum files ({@code .part-….parquet.crc}) that Hadoop's local file system
     * writes beside each staged file: readers that list the folder themselves (polars) refuse a folder
     * with files of another extension, and nothing reads the checksums after the write.
     */
    void dropChecksums() throws IOException {
        if (!(fs instanceof ChecksumFileSystem checksummed)) {
            return;
        }
        FileSystem raw = checksummed.getRawFileSystem();
        RemoteIterator<LocatedFileStatus> files = raw.listFiles(staged(), true);
        while (files.hasNext()) {
            Path p = files.next().getPath();
            if (checksummed.isChecksumFile(p)) raw.delete(p, false);
        }
    }

    /** The staged data files: all but markers, checksums and a committer's own folders ({@link HiddenPaths}). */
    List<LocatedFileStatus> stagedDataFiles() throws IOException {
        List<LocatedFileStatus> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(staged(), true);
        while (files.hasNext()) {
            LocatedFileStatus st = files.next();
            if (!HiddenPaths.isHidden(fs, staged(), st.getPath())) out.add(st);
        }
        return out;
    }

    /**
     * The rows of the staged files, from their Parquet footers, on the driver and without a Spark
     * job. Every file must open as Parquet and hold exactly {@code columns} (the dataset's columns
     * but the partition column, which lives in the folder names).
     */
    long stagedRows(List<LocatedFileStatus> files, Set<String> columns) throws IOException {
        long rows = 0;
        for (LocatedFileStatus st : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(st, conf))) {
                Set<String> found = new LinkedHashSet<>();
                reader.getFooter().getFileMetaData().getSchema().getFields().forEach(f -> found.add(f.getName()));
                if (!found.equals(columns)) {
                    throw new IOException("staged file " + st.getPath() + " has columns " + found + ", not " + columns);
                }
                rows += reader.getRecordCount();
            }
        }
        return rows;
    }

    /** Whether the dataset folder already holds an entry whose name starts with {@code prefix}. */
    boolean holds(String prefix) throws IOException {
        if (!fs.exists(dataset)) return false;
        for (FileStatus st : fs.listStatus(dataset)) {
            if (st.getPath().getName().startsWith(prefix)) return true;
        }
        return false;
    }

    /** Drops this attempt's staged files without moving anything in. */
    void discard() throws IOException {
        if (fs.exists(attempt) && !fs.delete(attempt, true)) {
            throw new IOException("could not delete " + attempt);
        }
        deleteIfEmpty(attempt.getParent());
    }

    /** Empties the staged folder, for a second write into it. */
    void clearStaged() throws IOException {
        if (fs.exists(staged()) && !fs.delete(staged(), true)) {
            throw new IOException("could not delete " + staged());
        }
    }

    /** Deletes what earlier attempts at this dataset left in the staging place (failed or killed runs). */
    int cleanEarlierAttempts() throws IOException {
        Path parent = attempt.getParent();
        if (!fs.exists(parent)) {
            return 0;
        }
        int n = 0;
        for (FileStatus st : fs.listStatus(parent)) {
            fs.delete(st.getPath(), true);
            n++;
        }
        return n;
    }

    /**
     * Moves the staged files into the dataset folder: each month folder (or, unpartitioned, each
     * file) replaces the one of the same name, and the dataset's {@code _SUCCESS} is removed first and
     * put back last, so its presence says no move is under way. The replaced entries go to the
     * staging place and are deleted after the move.
     *
     * @param keep which existing entries that this write has no replacement for stay (a month
     *             partition overwrite keeps other months); everything else not staged goes
     * @return the names of the entries moved in
     */
    List<String> moveIn(java.util.function.Predicate<String> keep) throws IOException {
        Path old = new Path(attempt, "old");
        fs.mkdirs(dataset);
        fs.mkdirs(old);
        fs.delete(new Path(dataset, SUCCESS), false);
        Set<String> staged = new LinkedHashSet<>();
        for (FileStatus st : fs.listStatus(staged())) {
            String name = st.getPath().getName();
            if (!name.equals(SUCCESS)) staged.add(name);
        }
        // Each name is replaced by two renames back to back: the moment a reader misses that month
        // (or, unpartitioned, sees neither file) is as short as the file system's renames.
        List<String> moved = new ArrayList<>();
        for (String name : staged) {
            Path target = new Path(dataset, name);
            if (fs.exists(target)) rename(target, new Path(old, name));
            rename(new Path(staged(), name), target);
            moved.add(name);
        }
        for (FileStatus st : fs.listStatus(dataset)) {
            String name = st.getPath().getName();
            if (!staged.contains(name) && !keep.test(name)) {
                rename(st.getPath(), new Path(old, name));
            }
        }
        Path stagedSuccess = new Path(staged(), SUCCESS);
        if (fs.exists(stagedSuccess)) {
            rename(stagedSuccess, new Path(dataset, SUCCESS));
        } else {
            FileSystem plain = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
            plain.create(new Path(dataset, SUCCESS), true).close();
        }
        fs.delete(attempt, true);
        deleteIfEmpty(attempt.getParent());
        return moved;
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to);
        }
    }

    private void deleteIfEmpty(Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }
}
