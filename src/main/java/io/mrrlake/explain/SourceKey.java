package io.mrrlake.explain;

import io.mrrlake.model.Ids;
import org.apache.spark.sql.Column;

/** A source record's customer: (data_source_uuid, external_id). */
record SourceKey(String dataSourceUuid, String externalId) implements Comparable<SourceKey> {

    /** One string per key, to compare with {@link #column} in Spark. */
    String joined() {
        return Ids.key(dataSourceUuid, externalId);
    }

    static Column column(Column dataSource, Column externalId) {
        return Ids.keyColumn(dataSource, externalId);
    }

    @Override
    public int compareTo(SourceKey o) {
        return joined().compareTo(o.joined());
    }

    @Override
    public String toString() {
        return externalId + " (data source " + dataSourceUuid + ")";
    }
}
