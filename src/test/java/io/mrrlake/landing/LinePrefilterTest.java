package io.mrrlake.landing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class LinePrefilterTest {
    private final LinePrefilter filter = new LinePrefilter(Set.of("cus_1", "sub_9"));

    @Test
    void aLineHoldingANeedleAsAStringValuePasses() {
        assertTrue(filter.mayHold("{\"customer_external_id\":\"cus_1\",\"amount\":5}"));
        assertTrue(filter.mayHold("{\"a\":[{\"subscription_external_id\":\"sub_9\"}]}"));
    }

    @Test
    void aNeedleInsideALongerValueOrOutsideAStringDoesNot() {
        assertFalse(filter.mayHold("{\"customer_external_id\":\"cus_12\"}"));
        assertFalse(filter.mayHold("{\"name\":\"not cus_1\"}"));
        assertFalse(filter.mayHold("{\"n\":1}"));
        assertFalse(filter.mayHold(""));
        assertFalse(filter.mayHold((String) null));
    }

    @Test
    void anyEscapeLetsTheLineThroughForTheParserToDecide() {
        assertTrue(filter.mayHold("{\"customer_external_id\":\"cus\\u005f1\"}"));
        assertTrue(filter.mayHold("{\"name\":\"a \\\"quoted\\\" name\"}"));
    }

    @Test
    void anUnclosedStringEndsTheLine() {
        assertFalse(filter.mayHold("{\"customer_external_id\":\"cus_1"));
    }

    @Test
    void stringsOfTheSameHashAreToldApartByTheirText() {
        // "Aa" and "BB" share String's hash code.
        LinePrefilter aa = new LinePrefilter(Set.of("Aa", "cus_1"));
        assertFalse(aa.mayHold("{\"id\":\"BB\"}"));
        assertTrue(aa.mayHold("{\"id\":\"Aa\"}"));
        LinePrefilter both = new LinePrefilter(Set.of("Aa", "BB"));
        assertTrue(both.mayHold("{\"id\":\"BB\"}"));
        assertTrue(both.mayHold("{\"id\":\"Aa\"}"));
    }

    @Test
    void noNeedlesLetNothingThrough() {
        assertFalse(new LinePrefilter(Set.of()).mayHold("{\"customer_external_id\":\"cus_1\"}"));
    }
}
