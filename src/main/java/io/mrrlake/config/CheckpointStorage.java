package io.mrrlake.config;

/**
 * {@code run.checkpoint_storage}: where the job keeps the datasets it materializes (docs/OPERATIONS.md
 * "Sizing"). {@code auto} decides per run from the landing zone's size and the
 * executors' storage memory.
 */
public enum CheckpointStorage {
    AUTO, MEMORY, DISK
}
