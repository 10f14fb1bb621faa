package io.mrrlake.mrr;

import java.nio.ByteBuffer;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Row;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A customer's ledger row ({@link LedgerSchema#OUTPUT}) as bytes, from the executor task that
 * computed it to the projection that turns it into columns in the same task. Spark's row encoder
 * for that nested schema is an expression tree of some 200,000 characters, which made every plan
 * of the ledger too long to log (and to render cheaply). Bytes travel through a one-column encoder
 * and are decoded by a function, whose plan is one call.
 */
final class LedgerBytes {
    private static final ClassTag<Row> ROW = ClassTag$.MODULE$.apply(Row.class);
    // A Kryo instance is not thread-safe and costs milliseconds to create: one per executor thread.
    private static final ThreadLocal<SerializerInstance> KRYO =
            ThreadLocal.withInitial(() -> new KryoSerializer(new SparkConf(false)).newInstance());

    private LedgerBytes() {}

    static byte[] encode(Row ledger) {
        ByteBuffer b = KRYO.get().serialize(ledger, ROW);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    static Row decode(byte[] bytes) {
        return KRYO.get().deserialize(ByteBuffer.wrap(bytes), ROW);
    }
}
