package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SortKeysTest {
    @Test
    void dataSourceColumnsGoLastTheRestKeepTheirOrder() {
        assertEquals(List.of(1, 2, 0), SortKeys.selectiveFirst(List.of("DATA_SOURCE_UUID", "CUSTOMER_EXTERNAL_ID", "KEY")));
        assertEquals(List.of("FROM_EXTERNAL_ID", "FROM_DATA_SOURCE_UUID"),
                SortKeys.selectiveFirstColumns(List.of("FROM_DATA_SOURCE_UUID", "FROM_EXTERNAL_ID")));
        assertEquals(List.of("UUID"), SortKeys.selectiveFirstColumns(List.of("UUID")));
    }
}
