package io.mrrlake.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A dataset's rows as one comparable value: the row count and a SHA-256 over the sorted rows. */
public final class RowChecksums {
    private RowChecksums() {}

    public static String of(Dataset<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (Row r : rows.collectAsList()) lines.add(r.toString());
        Collections.sort(lines);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String l : lines) sha.update((l + "\n").getBytes(StandardCharsets.UTF_8));
            return lines.size() + " rows " + new BigInteger(1, sha.digest()).toString(16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
