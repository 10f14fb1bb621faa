package io.mrrlake.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The job's S3A time limits replace Hadoop's own defaults only; a value someone set is kept. */
class StoreTimeoutsTest {
    @Test
    void hadoopsDefaultsAreReplacedAndSetValuesKept() {
        Configuration defaults = new Configuration();
        StoreTimeouts.applyDefaults(defaults);
        StoreTimeouts.S3A.forEach((k, v) -> assertEquals(v, defaults.get(k), k));

        Configuration set = new Configuration();
        set.set("fs.s3a.connection.timeout", "5000");
        StoreTimeouts.applyDefaults(set);
        assertEquals("5000", set.get("fs.s3a.connection.timeout"));
        assertEquals(StoreTimeouts.S3A.get("fs.s3a.retry.limit"), set.get("fs.s3a.retry.limit"));
    }
}
