package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class HiddenPathsTest {
    /**
     * A root given relative (as on a command line) against the qualified paths a listing returns:
     * the "_staging" folder above the root must not hide the files under it.
     */
    @Test
    void aRelativeRootIsComparedQualified() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path root = new Path("out/_staging/calculated/mrr_movements/attempt/new");
        Path listed = fs.makeQualified(new Path(root, "DATE_MONTH=2024-01/part-00000.snappy.parquet"));
        assertTrue(listed.toString().startsWith("file:/"), listed.toString());

        assertFalse(HiddenPaths.isHidden(fs, root, listed));
        assertTrue(HiddenPaths.isHidden(fs, root, fs.makeQualified(new Path(root, "_SUCCESS"))));
        assertTrue(HiddenPaths.isHidden(fs, root, fs.makeQualified(new Path(root, ".part-00000.parquet.crc"))));
        assertTrue(HiddenPaths.isHidden(fs, root, fs.makeQualified(new Path(root, "__magic/job/part-00000.parquet"))));
        assertFalse(HiddenPaths.isHidden(fs, fs.makeQualified(root), new Path(root, "part-00000.parquet")),
                "a qualified root and a relative path");
    }
}
