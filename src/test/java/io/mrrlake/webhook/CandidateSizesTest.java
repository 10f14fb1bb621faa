package io.mrrlake.webhook;

import static io.mrrlake.webhook.WebhookColumns.*;
import static io.mrrlake.webhook.WebhookTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The one counting job of an endpoint's pass gives the numbers that the candidates themselves show:
 * what is sent, how many of those are retries, and what is skipped as already delivered.
 */
class CandidateSizesTest {
    private static final Instant WATERMARK = Instant.parse("2024-04-30T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant IN_WINDOW = AS_OF.minusSeconds(3600);
    private static final Instant BEFORE_WINDOW = WATERMARK.minusSeconds(3600);

    private static Dataset<Row> withStatus() {
        StructType schema = new StructType().add(M_UUID, DataTypes.StringType).add(M_DATE, DataTypes.TimestampType)
                .add(Candidates.LEDGER_STATUS, DataTypes.StringType);
        List<Row> rows = List.of(
                row("new in window", IN_WINDOW, null),
                row("new in window 2", IN_WINDOW, null),
                row("new before window", BEFORE_WINDOW, null),
                row("new at as-of", AS_OF, null),
                row("new after as-of", AS_OF.plusSeconds(1), null),
                row("new at watermark", WATERMARK, null),
                row("failed before window", BEFORE_WINDOW, STATUS_FAILED),
                row("blocked in window", IN_WINDOW, STATUS_BLOCKED),
                row("delivered in window", IN_WINDOW, STATUS_DELIVERED),
                row("delivered in window 2", AS_OF, STATUS_DELIVERED),
                row("delivered before window", BEFORE_WINDOW, STATUS_DELIVERED));
        return spark().createDataFrame(rows, schema);
    }

    private static Row row(String uuid, Instant date, String status) {
        return RowFactory.create(uuid, Timestamp.from(date), status);
    }

    @Test
    void theCountsAreThoseOfTheRowsEachFilterKeeps() {
        Dataset<Row> withStatus = withStatus();
        for (boolean retryFailed : new boolean[] {true, false}) {
            Dataset<Row> toSend = Candidates.filterToSend(withStatus, WATERMARK, AS_OF, retryFailed);
            Candidates.Sizes expected = new Candidates.Sizes(toSend.count(),
                    toSend.filter(toSend.col(Candidates.LEDGER_STATUS).isNotNull()).count(), 2);
            assertEquals(expected, Candidates.sizes(withStatus, WATERMARK, AS_OF, retryFailed), "retry_failed " + retryFailed);
        }
        // Worked by hand: three new movements in (watermark, as-of]; the failed and blocked ones are retries.
        assertEquals(new Candidates.Sizes(5, 2, 2), Candidates.sizes(withStatus, WATERMARK, AS_OF, true));
        assertEquals(new Candidates.Sizes(3, 0, 2), Candidates.sizes(withStatus, WATERMARK, AS_OF, false));
    }
}
