package io.mrrlake.export;

import io.mrrlake.model.OutputDataset;

/**
 * Where a run's datasets go. Each implementation replaces one dataset whole, and a failed write leaves
 * the previous one; Delta tables and warehouse tables change atomically (a reader sees the
 * previous run's rows or this run's, never a mix). A destination may be asked for several datasets in
 * one run; {@link #close} ends the run for it (for example commits a run marker).
 */
public interface Destination extends AutoCloseable {

    /** The name the configuration gives it ("files", "warehouse", …), used in logs and the summary. */
    String name();

    /** Whether this destination takes the dataset (its own dataset filter). */
    boolean accepts(OutputDataset dataset);

    /**
     * Whether this destination takes the write; unlike {@link #accepts(OutputDataset)} this also
     * covers rejects ({@code rejects.<kind>}), which have no {@link OutputDataset}.
     */
    default boolean accepts(DatasetWrite write) {
        return write.dataset() != null && accepts(write.dataset());
    }

    /** Writes one dataset, replacing what an earlier run wrote for it. */
    void write(DatasetWrite write) throws Exception;

    /**
     * Writes like {@link #write} and returns the rows written, or -1 when the destination cannot
     * tell without computing the dataset a second time.
     */
    default long writeAndCount(DatasetWrite write) throws Exception {
        write(write);
        return -1;
    }

    @Override
    default void close() throws Exception {}
}
