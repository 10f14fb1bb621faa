package io.mrrlake.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import io.mrrlake.model.OutputDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two exports of one record whose JSON writes the keys of its children and unknown fields in
 * another order (or a number as 2.50 and 2.5) are copies that collapse, not a duplicate_key conflict;
 * a copy that differs in a child's value still is one.
 */
class KeyOrderCopiesTest {
    @TempDir Path tmp;

    static final String CUSTOMER_A = "{\"data_source_uuid\":\"ds_1\",\"external_id\":\"c4\",\"name\":\"Keys\",\"x_a\":1,"
            + "\"x_b\":{\"p\":1,\"q\":2.50},\"attributes\":{\"custom\":[{\"type\":\"String\",\"key\":\"k\",\"value\":\"v\"}]}}";
    static final String CUSTOMER_B = "{\"x_b\":{\"q\":2.5,\"p\":1},\"x_a\":1,\"external_id\":\"c4\",\"name\":\"Keys\","
            + "\"data_source_uuid\":\"ds_1\",\"attributes\":{\"custom\":[{\"key\":\"k\",\"value\":\"v\",\"type\":\"String\"}]}}";
    static final String INVOICE_A = "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"i_keys\","
            + "\"date\":\"2024-01-01\",\"currency\":\"USD\",\"line_items\":[{\"type\":\"one_time\",\"external_id\":\"li1\",\"amount_in_cents\":100}]}";
    static final String INVOICE_B = "{\"external_id\":\"i_keys\",\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\","
            + "\"date\":\"2024-01-01\",\"currency\":\"USD\",\"line_items\":[{\"amount_in_cents\":100,\"external_id\":\"li1\",\"type\":\"one_time\"}]}";
    static final String INVOICE_C = "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"i_diff\","
            + "\"date\":\"2024-01-01\",\"currency\":\"USD\",\"line_items\":[{\"type\":\"one_time\",\"external_id\":\"li1\",\"amount_in_cents\":100}]}";
    static final String INVOICE_D = "{\"data_source_uuid\":\"ds_1\",\"customer_external_id\":\"c1\",\"external_id\":\"i_diff\","
            + "\"date\":\"2024-01-01\",\"currency\":\"USD\",\"line_items\":[{\"external_id\":\"li1\",\"type\":\"one_time\",\"amount_in_cents\":200}]}";

    @Test
    void copiesWithKeysInAnotherOrderCollapse() throws Exception {
        SourceResult r = new LandingFixture(tmp.resolve("in")).base()
                .add("customers", CUSTOMER_A, CUSTOMER_B)
                .add("invoices", INVOICE_A, INVOICE_B, INVOICE_C, INVOICE_D)
                .run();
        List<String> customers = LandingFixture.rows(r, OutputDataset.SOURCE_CUSTOMERS).stream()
                .map(x -> (String) x.getAs("EXTERNAL_ID")).filter("c4"::equals).toList();
        assertEquals(List.of("c4"), customers);
        List<String> invoices = LandingFixture.rows(r, OutputDataset.SOURCE_INVOICES).stream()
                .map(x -> (String) x.getAs("EXTERNAL_ID")).filter(id -> id.startsWith("i_")).sorted().toList();
        assertEquals(List.of("i_diff", "i_keys"), invoices);
        // i_diff's copies differ in an item's amount: one wins, the other is the only reject.
        assertEquals(List.of("invoices duplicate_key"), LandingFixture.allRejects(r));
        r.release();
    }
}
