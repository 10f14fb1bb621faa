package io.mrrlake.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * JSON text with every object's names in sorted order, at every depth, and each number written
 * once one way ({@code 12.50} as {@code 12.5}): two texts of the same value give the same text. The
 * deduplication compares records' nested children and unknown fields as text, and two exports of
 * one record that write its keys in another order are copies, not a conflict (docs/LANDING.md
 * "Keys and duplicates"). Text that is not JSON is returned as it is.
 */
final class CanonicalJson implements UDF1<String, String> {
    private final boolean nestedTexts;

    private CanonicalJson(boolean nestedTexts) {
        this.nestedTexts = nestedTexts;
    }

    /** Numbers read exactly; {@link #sorted} writes each without trailing zeros (12.50 as 12.5). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** A JSON text (a nested child as written). */
    static Column of(Column text) {
        return functions.udf(new CanonicalJson(false), DataTypes.StringType).apply(text);
    }

    /**
     * The unknown fields' text: an object whose values are texts, a nested object's or array's
     * written as JSON text inside a string (JsonRecordParser), so those are made canonical too.
     */
    static Column ofUnmapped(Column text) {
        return functions.udf(new CanonicalJson(true), DataTypes.StringType).apply(text);
    }

    @Override
    public String call(String text) {
        return text == null ? null : canonical(text, nestedTexts);
    }

    private static String canonical(String text, boolean nestedTexts) {
        try {
            return MAPPER.writeValueAsString(sorted(MAPPER.readTree(text), nestedTexts));
        } catch (JsonProcessingException notJson) {
            return text;
        }
    }

    private static JsonNode sorted(JsonNode node, boolean nestedTexts) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = MAPPER.createObjectNode();
            for (String name : names) out.set(name, sorted(node.get(name), nestedTexts));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) out.add(sorted(it.next(), nestedTexts));
            return out;
        }
        if (node.isBigDecimal()) return MAPPER.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
        if (nestedTexts && node.isTextual() && (node.textValue().startsWith("{") || node.textValue().startsWith("["))) {
            return MAPPER.getNodeFactory().textNode(canonical(node.textValue(), false));
        }
        return node;
    }
}
