package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrrlake.config.CheckpointStorage;
import io.mrrlake.testing.SparkTest;
import org.junit.jupiter.api.Test;

/** Where a run keeps its checkpoints: as set, or by the landing zone's size against storage memory. */
class CheckpointLevelTest {
    private static final long MB = 1L << 20;
    /** What the launcher's 6 GB heap gives Spark's block manager. */
    private static final long STORAGE = 3400 * MB;

    @Test
    void autoKeepsInMemoryWhatFitsThereAndTheRestOnDisk() {
        assertEquals(CheckpointLevel.MEMORY, CheckpointLevel.of(CheckpointStorage.AUTO, 69 * MB, STORAGE), "100,000 customers");
        assertEquals(CheckpointLevel.DISK, CheckpointLevel.of(CheckpointStorage.AUTO, 697 * MB, STORAGE), "a million");
        assertEquals(CheckpointLevel.DISK, CheckpointLevel.of(CheckpointStorage.AUTO, 69 * MB, 1600 * MB), "100,000 on a 2 GB heap");
    }

    @Test
    void anExplicitSettingIsKeptWhateverTheSizes() {
        assertEquals(CheckpointLevel.MEMORY, CheckpointLevel.of(CheckpointStorage.MEMORY, 697 * MB, STORAGE));
        assertEquals(CheckpointLevel.DISK, CheckpointLevel.of(CheckpointStorage.DISK, 1, STORAGE));
    }

    @Test
    void storageMemoryIsWhatTheLocalBlockManagerCanHold() {
        long storage = CheckpointLevel.storageMemory(SparkTest.spark().sparkContext());
        // Spark's unified memory manager: spark.memory.fraction (0.6) of the heap less 300 MB reserved.
        long expected = (long) ((Runtime.getRuntime().maxMemory() - 300 * MB) * 0.6);
        assertEquals(expected, storage);
    }
}
