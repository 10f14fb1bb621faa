package io.mrrlake.landing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.mrrlake.spark.HiddenPaths;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A landing zone on any Hadoop file system: where each kind's data is. Only listings happen here, on
 * the driver; the records themselves are read by Spark.
 */
public final class LandingZone {
    private static final Logger LOG = LoggerFactory.getLogger(LandingZone.class);
    private final SparkSession spark;
    private final Path root;
    private final FileSystem fs;
    private final InputFormat format;

    private LandingZone(SparkSession spark, Path root, FileSystem fs, InputFormat format) {
        this.spark = spark;
        this.root = root;
        this.fs = fs;
        this.format = format;
    }

    /** Opens the zone and checks that the root and the required kinds are there. */
    public static LandingZone open(SparkSession spark, String uri, InputFormat format) {
        Path root = new Path(uri);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) throw new LandingUnreadableException("landing zone " + uri + " does not exist");
            if (!fs.getFileStatus(root).isDirectory()) {
                throw new LandingUnreadableException("landing zone " + uri + " is not a folder");
            }
            LandingZone zone = new LandingZone(spark, root, fs, format);
            for (LandingKind kind : LandingKind.values()) {
                if (kind.required() && !zone.present(kind)) {
                    throw new LandingUnreadableException("landing zone " + uri + " has no '" + kind.folder()
                            + "' (required; expected " + zone.expectedLayout(kind) + ")");
                }
            }
            return zone;
        } catch (IOException e) {
            throw new LandingUnreadableException("cannot list landing zone " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * The size of every file under the zone's root, whatever its kind or format; 0 when it cannot be
     * listed ({@link #open} then says why).
     */
    public static long bytes(SparkSession spark, String uri) {
        Path root = new Path(uri);
        try {
            return root.getFileSystem(spark.sparkContext().hadoopConfiguration()).getContentSummary(root).getLength();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    public SparkSession spark() { return spark; }
    public InputFormat format() { return format; }
    public String uri() { return root.toString(); }

    /** Whether the kind has a folder (or, for JSON, a single file) in the zone. */
    public boolean present(LandingKind kind) throws IOException {
        return fs.exists(folder(kind)) || singleJsonFile(kind).isPresent();
    }

    /** The data files of a kind, sorted; empty when the kind is absent. Delta: the table folder. */
    public List<String> files(LandingKind kind) {
        try {
            if (format == InputFormat.DELTA) {
                Path log = new Path(folder(kind), "_delta_log");
                return fs.exists(log) ? List.of(folder(kind).toString()) : List.of();
            }
            List<String> out = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            if (fs.exists(folder(kind)) && fs.getFileStatus(folder(kind)).isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder(kind), true);
                while (it.hasNext()) {
                    LocatedFileStatus status = it.next();
                    Path p = status.getPath();
                    if (hidden(p)) continue;
                    if (!isDataFile(p.getName())) {
                        ignored.add(p.toString());
                    } else if (status.getLen() > 0 || !(format == InputFormat.JSON || format == InputFormat.CSV)) {
                        // An empty text file holds no record. Empty and named ".gz" it is not even gzip:
                        // the CSV header read failed on it and stopped the run (JSON's line reader took it).
                        out.add(p.toString());
                    }
                }
            }
            if (!ignored.isEmpty()) {
                // Never read and never counted: say so, since their records are in no output.
                LOG.warn("{}: {} file(s) not read, their names do not end as {} data files do: {}{}", kind.folder(),
                        ignored.size(), format.wireName(), String.join(", ", ignored.subList(0, Math.min(5, ignored.size()))),
                        ignored.size() > 5 ? ", …" : "");
            }
            singleJsonFile(kind).ifPresent(out::add);
            out.sort(Comparator.naturalOrder());
            return out;
        } catch (IOException e) {
            throw new LandingUnreadableException("cannot list " + kind.folder() + " in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The compressed files of a kind ({@code .gz}) that cannot be read to their end, each with why
     * ("Unexpected end of input stream" for a file cut off): asked only once reading the kind has
     * failed, to name the file. Spark names a file that is not gzip at all, but an error while its
     * lines are read (a truncated gzip) reached the run's message without the file's name.
     */
    public List<String> brokenCompressedFiles(LandingKind kind) {
        List<String> broken = new ArrayList<>();
        CompressionCodecFactory codecs = new CompressionCodecFactory(spark.sparkContext().hadoopConfiguration());
        byte[] buffer = new byte[1 << 16];
        for (String f : files(kind)) {
            Path p = new Path(f);
            CompressionCodec codec = codecs.getCodec(p);
            if (codec == null) continue;
            try (InputStream in = codec.createInputStream(fs.open(p))) {
                while (in.read(buffer) >= 0) {
                    // read to the end: a cut-off file fails here
                }
            } catch (IOException | RuntimeException e) {
                broken.add(f + " (" + e.getMessage() + ")");
            }
        }
        return broken;
    }

    private Path folder(LandingKind kind) {
        return new Path(root, kind.folder());
    }

    /** JSON only: {@code <root>/<kind>.jsonl} or {@code .jsonl.gz} instead of a folder. */
    private Optional<String> singleJsonFile(LandingKind kind) throws IOException {
        if (format != InputFormat.JSON) return Optional.empty();
        for (String ext : List.of(".jsonl", ".jsonl.gz")) {
            Path p = new Path(root, kind.folder() + ext);
            if (fs.exists(p)) {
                FileStatus st = fs.getFileStatus(p);
                if (st.isFile()) return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /** By the name's exact ending: Hadoop picks a file's decompression by its lower-case ".gz" too. */
    private boolean isDataFile(String name) {
        return switch (format) {
            case JSON -> name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json")
                    || name.endsWith(".json.gz");
            case PARQUET -> name.endsWith(".parquet");
            case AVRO -> name.endsWith(".avro");
            case CSV -> name.endsWith(".csv") || name.endsWith(".csv.gz");
            case DELTA -> false;
        };
    }

    private boolean hidden(Path p) {
        return HiddenPaths.isHidden(fs, root, p);
    }

    private String expectedLayout(LandingKind kind) {
        return switch (format) {
            case JSON -> "a folder " + kind.folder() + "/ of *.jsonl[.gz] files or a file " + kind.folder() + ".jsonl[.gz]";
            case DELTA -> "a Delta table " + kind.folder() + "/";
            default -> "a folder " + kind.folder() + "/ of " + format.wireName() + " files";
        };
    }
}
