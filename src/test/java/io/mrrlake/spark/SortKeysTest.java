package io.mrrlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void aJoinConditionPairsTheSidesInTheLeftSidesOrder() {
        assertEquals("((EXTERNAL_ID = _E) AND (DATA_SOURCE_UUID = _D))",
                SortKeys.joinOn(List.of("DATA_SOURCE_UUID", "EXTERNAL_ID"), List.of("_D", "_E")).toString());
        assertThrows(IllegalArgumentException.class, () -> SortKeys.joinOn(List.of("A"), List.of("B", "C")));
    }
}
