package io.mrrlake.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a run did (docs/DATASETS.md "Run summary"): the as-of, the settings, records read and rejected per
 * kind and reason, rows written per dataset, movement totals, stage durations, each destination's
 * outcome, and the run's outcome. Written to {@code _runs/<as-of>/summary.json} and logged as one line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public String asOf;
    public String command;
    public Instant startedAt;
    public Instant finishedAt;
    public Map<String, Object> settings = new LinkedHashMap<>();
    public Map<String, Long> recordsRead = new TreeMap<>();
    public Map<String, Map<String, Long>> rejects = new TreeMap<>();
    public Map<String, Long> rowsWritten = new TreeMap<>();
    public Map<String, Map<String, Long>> movements = new TreeMap<>();
    public Map<String, Double> stageSeconds = new LinkedHashMap<>();
    public List<Map<String, Object>> destinations = new ArrayList<>();
    public List<Map<String, Object>> webhooks = new ArrayList<>();
    public String outcome = "running";
    public String error;

    public boolean ok() {
        return "succeeded".equals(outcome);
    }

    public long totalRecordsRead() {
        return recordsRead.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalRejects() {
        return rejects.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    public void succeeded() {
        outcome = "succeeded";
        finishedAt = Instant.now();
    }

    public void failed(String message) {
        outcome = "failed";
        error = message;
        finishedAt = Instant.now();
    }

    public String toJson(boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) : JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the run summary is plain maps and strings", e);
        }
    }

    static {
        JSON.findAndRegisterModules();
        JSON.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
