package io.mrrlake.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Spark's rule for what is not data in a folder of files: a name starting with {@code _} or
 * {@code .} ({@code _SUCCESS}, {@code _temporary}, the S3A magic committer's {@code __magic},
 * Hadoop's {@code .crc} checksums). Readers of a landing zone and the check of a staged write both
 * skip the same things.
 */
public final class HiddenPaths {
    private HiddenPaths() {}

    /**
     * Whether {@code path}, or a folder between it and {@code root}, is hidden. Both are qualified
     * first: a listing returns qualified paths, while a root given on the command line may be
     * relative, and comparing the two unqualified would walk past the root.
     */
    public static boolean isHidden(FileSystem fs, Path root, Path path) {
        Path top = fs.makeQualified(root);
        for (Path q = fs.makeQualified(path); q != null && !q.equals(top); q = q.getParent()) {
            String name = q.getName();
            if (name.startsWith("_") || name.startsWith(".")) return true;
        }
        return false;
    }
}
