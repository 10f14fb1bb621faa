package io.mrrlake.export;

import java.util.List;

import io.mrrlake.model.OutputDataset;

/** The name and dataset filter every configured destination has; subclasses only write. */
abstract class FilteredDestination implements Destination {
    private final String name;
    private final DatasetFilter filter;
    /**
     * Names this run's scratch objects (staging tables), so that two runs never share one. The job
     * builds its destinations once per run.
     */
    private final String runToken = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    FilteredDestination(String name, DatasetFilter filter) {
        this.name = name;
        this.filter = filter;
    }

    @Override
    public String name() {
        return name;
    }

    public DatasetFilter filter() {
        return filter;
    }

    @Override
    public boolean accepts(OutputDataset dataset) {
        return filter.accepts(dataset.dottedName());
    }

    @Override
    public boolean accepts(DatasetWrite write) {
        return filter.accepts(write.dottedName());
    }

    String runToken() {
        return runToken;
    }

    /** "files", "jdbc", … as in the configuration, for the summary. */
    public abstract String type();

    /** Values that must never appear in a log line or an outcome (passwords, keys). */
    List<String> secrets() {
        return List.of();
    }

    @Override
    public void write(DatasetWrite write) throws Exception {
        writeAndCount(write);
    }

    @Override
    public abstract long writeAndCount(DatasetWrite write) throws Exception;
}
