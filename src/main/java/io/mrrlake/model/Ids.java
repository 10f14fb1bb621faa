package io.mrrlake.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import scala.collection.Seq;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.*;

/**
 * Deterministic ids: a prefix plus a name-based (version 5) UUID of a record's natural key, so the
 * same input always gives the same ids. The same code computes an id on the driver ({@link #of}) and
 * in a Spark column ({@link #column}): the column is one call of a function around that code. (It
 * was first written as Spark expressions, a SHA-1 cut into the UUID's fields: some 5,700 characters
 * of plan text per id column, which made each landing kind's plan too long to log.)
 */
public final class Ids {
    /** Namespace of every mrrlake id (itself the v5 UUID of "mrrlake.io" in the DNS namespace). */
    public static final UUID NAMESPACE = UUID.fromString("8b5c6a0e-4f5e-5b8a-9a43-2f0d1c7e6b11");
    /** Joins the parts of a natural key ({@link #key}). */
    public static final String SEPARATOR = "\u001f";
    /** Marks a separator or an escape inside a part as the part's own character ({@link #key}). */
    private static final char ESCAPE = '\u001e';

    public static final String DATA_SOURCE = "ds_";
    public static final String CUSTOMER = "cus_";
    public static final String PLAN = "pl_";
    public static final String INVOICE = "inv_";
    public static final String LINE_ITEM = "li_";
    public static final String TRANSACTION = "tr_";
    public static final String SUBSCRIPTION = "sub_";
    public static final String CONTACT = "con_";
    public static final String EVENT = "evt_";
    public static final String MOVEMENT = "mov_";

    private Ids() {}

    public static String of(String prefix, String... parts) {
        return prefix + uuid5(key(parts)).toString();
    }

    /**
     * A natural key's parts as one text, different for different parts: joined by {@link #SEPARATOR},
     * with a separator or {@link #ESCAPE} inside a part escaped, so that ("a\u001fb", "c") and ("a",
     * "b\u001fc") stay two keys. Parts without either character (every id met so far) join as they
     * are, so their keys and ids are what they were before the escape. Null parts count as empty.
     */
    public static String key(String... parts) {
        boolean plain = true;
        for (String p : parts) plain &= p == null || (p.indexOf(SEPARATOR.charAt(0)) < 0 && p.indexOf(ESCAPE) < 0);
        if (plain) return String.join(SEPARATOR, nullsAsEmpty(parts));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) out.append(SEPARATOR);
            String p = parts[i] == null ? "" : parts[i];
            for (int c = 0; c < p.length(); c++) {
                char ch = p.charAt(c);
                if (ch == ESCAPE || ch == SEPARATOR.charAt(0)) out.append(ESCAPE);
                out.append(ch);
            }
        }
        return out.toString();
    }

    public static UUID uuid5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE));
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) msb = (msb << 8) | (hash[i] & 0xff);
            for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (hash[i] & 0xff);
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** The same id as {@link #of}, as a Spark column; null parts count as empty strings. */
    public static Column column(String prefix, Column... parts) {
        return IdFunction.ID.apply(lit(prefix), partsArray(parts));
    }

    /** The same text as {@link #key}, as a Spark column. */
    public static Column keyColumn(Column... parts) {
        return IdFunction.KEY.apply(partsArray(parts));
    }

    private static Column partsArray(Column... parts) {
        Column[] text = new Column[parts.length];
        for (int i = 0; i < parts.length; i++) text[i] = parts[i].cast("string");
        return array(text);
    }

    /** Created on first use, so that {@link #of} alone loads no Spark class. */
    private static final class IdFunction {
        /** prefix, parts → prefix + the UUID of their key; plans show an id column as {@code mrrlake_id(…)}. */
        static final UserDefinedFunction ID =
                udf((UDF2<String, Seq<String>, String>) (prefix, parts) -> prefix + uuid5(key(asArray(parts))),
                        DataTypes.StringType).withName("mrrlake_id");
        static final UserDefinedFunction KEY =
                udf((UDF1<Seq<String>, String>) parts -> key(asArray(parts)), DataTypes.StringType).withName("mrrlake_key");

        private static String[] asArray(Seq<String> parts) {
            String[] out = new String[parts.length()];
            for (int i = 0; i < out.length; i++) out[i] = parts.apply(i);
            return out;
        }
    }

    private static String[] nullsAsEmpty(String[] parts) {
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = parts[i] == null ? "" : parts[i];
        return out;
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] b = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) b[i] = (byte) (msb >>> (56 - 8 * i));
        for (int i = 0; i < 8; i++) b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        return b;
    }
}
