package io.mrrlake.landing;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One JSON record's text → its raw columns, in a single streaming pass (docs/LANDING.md "Reading and
 * typing"): every field as text, the unknown top-level keys as a JSON object, and why the record is
 * bad_json, if it is. The rules, field by field:
 * <ul>
 * <li>A string is its text; JSON null is a missing field; any other value is written back as compact
 *     JSON text (a number as Jackson writes it: {@code 1e3} becomes "1000.0", an object its JSON).</li>
 * <li>An integer field ({@link LandingKind#INTEGER_FIELDS}) is the digits of an integer token that fits
 *     a bigint; any other value keeps its token as written on the line ({@code 12.0}, {@code "12"}),
 *     an integer beyond the 64-bit range marked so, and validation rejects it (bad_number).</li>
 * <li>A nested field of the wrong JSON type (line_items not an array, a merge's from not an object)
 *     makes the record bad_json, naming the field; nested children stay JSON text, one per element.</li>
 * <li>Blank values (empty, or only spaces) are missing.</li>
 * <li>Text that is not one JSON object is bad_json: strict JSON (RFC 8259), so single quotes, a raw
 *     control character inside a string, and any text after the object (a second record on the same
 *     line would otherwise be dropped unseen) are bad_json too.</li>
 * </ul>
 * It replaces Spark's {@code from_json}, {@code json_object_keys}, {@code get_json_object} and a
 * second parse as a map, which together parsed each record three times and each nested child twice
 * more. JsonReaderEdgesTest holds its rows for lines at the edges of JSON.
 */
final class JsonRecordParser implements UDF1<String, Row> {
    private static final String NOT_AN_OBJECT = "not a JSON object";
    private static final String TEXT_AFTER_OBJECT = "text after the JSON object";
    /**
     * A string with half of a UTF-16 surrogate pair ({@code "\\uD800"}) has no UTF-8 form: Spark would
     * store it as "?", so two different ids would become one.
     */
    private static final String LONE_SURROGATE = "a string with a lone surrogate escape (not Unicode text)";
    /** Digits of a number token: far beyond any limit, and short enough to parse in no time. */
    static final int MAX_NUMBER_DIGITS = 100_000;
    /** Arrays and objects inside each other (Jackson's default, named here so docs/LANDING.md can cite it). */
    static final int MAX_NESTING_DEPTH = 1_000;
    /** Characters of one string value (Jackson's default, as above). */
    static final int MAX_STRING_LENGTH = 20_000_000;
    /**
     * A line past one of the reader's limits is valid JSON the job does not take: bad_json, with the
     * limit named (it said "not a JSON object").
     */
    private static final String PAST_LIMITS = "past the JSON reader's limits (numbers of up to " + MAX_NUMBER_DIGITS
            + " digits, nesting up to " + MAX_NESTING_DEPTH + " levels, strings of up to " + MAX_STRING_LENGTH
            + " characters): ";
    /**
     * Strict JSON (Spark's JSON reader turns single quotes on; this one does not). A number token may
     * have up to 100,000 digits: a long one is a bad_number by its field's check, not a line that "is
     * not JSON" (Jackson's limit, 1,000 digits, rejected the whole invoice for one item's amount).
     * Names given twice are found by {@link Record#twice} where they lose records; Jackson's own
     * check of every name cost 7% of the read stage (docs/BENCHMARKS.md, session 27).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_LENGTH).build())
            .build();

    private final Layout layout;
    private transient CharArrayWriter rendered;

    private JsonRecordParser(Layout layout) {
        this.layout = layout;
    }

    /** The parser of a top-level kind's lines (unknown keys and nested shapes included). */
    static JsonRecordParser topLevel(LandingKind kind) {
        return new JsonRecordParser(Layout.topLevel(kind));
    }

    /** The parser of one nested child's JSON text (its own fields only). */
    static JsonRecordParser child(LandingKind kind) {
        return new JsonRecordParser(Layout.child(kind));
    }

    /** The struct this parser returns: the layout's fields, then _UNMAPPED (top level), _BAD, the child arrays. */
    StructType schema() {
        StructType s = new StructType();
        for (String f : layout.fields) s = s.add(f, DataTypes.StringType);
        if (layout.topLevel) s = s.add(RawColumns.UNMAPPED, DataTypes.StringType);
        s = s.add(RawColumns.BAD, DataTypes.StringType);
        for (String c : layout.childColumns) s = s.add(c, DataTypes.createArrayType(DataTypes.StringType));
        return s;
    }

    /**
     * The parse of a text column, as a struct ({@link #schema()}). Declared nondeterministic (it is
     * not) so that the optimizer never copies it: a filter on the parsed fields pushed below the
     * projection would otherwise parse each record once more per reference.
     */
    Column column(Column text) {
        return functions.udf(this, schema()).asNondeterministic().apply(text);
    }

    @Override
    public Row call(String text) {
        // Text that is not one JSON object carries no fields: only its reason and the line itself.
        if (text == null) return new Record(layout).notAnObject();
        Record r = new Record(layout);
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new Record(layout).notAnObject();
            readObject(p, text, r);
            if (!onlyJsonWhitespace(text, (int) p.currentLocation().getCharOffset())) {
                return new Record(layout).bad(TEXT_AFTER_OBJECT);
            }
        } catch (StreamConstraintsException e) {
            return new Record(layout).bad(PAST_LIMITS + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return new Record(layout).notAnObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A lone surrogate comes only from a backslash-u escape: bytes that are not UTF-8 are read as U+FFFD.
        if (text.contains("\\u") && r.hasLoneSurrogate()) return new Record(layout).bad(LONE_SURROGATE);
        return r.toRow();
    }

    /** RFC 8259's whitespace (space, tab, line feed, carriage return) is all that may follow the object. */
    private static boolean onlyJsonWhitespace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
        }
        return true;
    }

    private void readObject(JsonParser p, String text, Record r) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            Integer slot = layout.slots.get(name);
            if (slot != null) {
                readField(p, text, r, slot, value);
            } else if (layout.nested.containsKey(name)) {
                readNested(p, r, layout.nested.get(name), value);
            } else if (layout.childSlots.containsKey(name)) {
                readChildArray(p, r, layout.childSlots.get(name), value);
            } else if (layout.topLevel) {
                r.unmapped().put(name, value == JsonToken.VALUE_NULL ? null : asText(p, value));
            } else {
                p.skipChildren();
            }
        }
    }

    /** A scalar field: text, or for an integer field its digits (or its token as written when not an integer). */
    private void readField(JsonParser p, String text, Record r, int slot, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            r.values[slot] = null;
            r.failed[slot] = null;
        } else if (!layout.integer[slot]) {
            r.values[slot] = asText(p, value);
            if (slot == layout.typedValueSlot) r.typedValueIsString = value == JsonToken.VALUE_STRING;
        } else if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            r.values[slot] = Long.toString(p.getLongValue());
            r.failed[slot] = null;
        } else {
            int start = (int) p.currentTokenLocation().getCharOffset();
            if (value == JsonToken.VALUE_STRING) p.finishToken();
            else p.skipChildren();
            String token = text.substring(start, (int) p.currentLocation().getCharOffset());
            // A failed token does not replace an integer already read for the same key (a duplicate key).
            if (r.values[slot] == null) {
                r.failed[slot] = value == JsonToken.VALUE_NUMBER_INT ? token + " (out of the 64-bit range)" : token;
            }
        }
    }

    /** An object of string fields (a customer's attributes, a merge's from and into). */
    private void readNested(JsonParser p, Record r, Nested nested, JsonToken value) throws IOException {
        r.twice(nested.name, nested.shape);
        if (value == JsonToken.VALUE_NULL) {
            r.clearNested(nested);
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            r.shapeFailure(nested.shape, nested.name + " is not an object");
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            Integer slot = nested.slots.get(name);
            Integer child = nested.childSlots.get(name);
            if (slot != null) r.values[slot] = v == JsonToken.VALUE_NULL ? null : asText(p, v);
            else if (child != null) readChildArray(p, r, child, v);
            else p.skipChildren();
        }
    }

    /** A nested array (line_items, transactions, tags, custom): each element as JSON text. */
    private void readChildArray(JsonParser p, Record r, int child, JsonToken value) throws IOException {
        r.twice(layout.childNames[child], layout.childShapes[child]);
        if (value == JsonToken.VALUE_NULL) {
            r.children[child] = null;
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            r.shapeFailure(layout.childShapes[child], layout.childNames[child] + " is not an array");
            p.skipChildren();
            return;
        }
        List<String> elements = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            elements.add(e == JsonToken.VALUE_NULL ? null : asText(p, e));
        }
        r.children[child] = elements.toArray(String[]::new);
    }

    /** A value as text: a string's own text, anything else written back as compact JSON. */
    private String asText(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) return p.getText();
        if (rendered == null) rendered = new CharArrayWriter(256);
        rendered.reset();
        try (JsonGenerator g = FACTORY.createGenerator(rendered)) {
            g.copyCurrentStructure(p);
        }
        return rendered.toString();
    }

    /** The unknown keys as one JSON object of texts (JSON null kept), as the rejects and UNMAPPED_ATTRIBUTES show them. */
    private static String unmappedJson(Map<String, String> unknown) {
        CharArrayWriter out = new CharArrayWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : unknown.entrySet()) {
                g.writeFieldName(e.getKey());
                if (e.getValue() == null) g.writeNull();
                else g.writeString(e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Empty or blank ({@link Values#isBlank}: whitespace only) is missing. */
    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** One record's values while it is read. */
    private static final class Record {
        final Layout layout;
        final String[] values;
        final String[] failed;
        final String[][] children;
        Map<String, String> unmapped;
        String bad;
        int badShape = Integer.MAX_VALUE;
        private int seenShapes;
        /** Whether the typed value ({@link Layout#typedValueSlot}) was a JSON string. */
        boolean typedValueIsString;

        Record(Layout layout) {
            this.layout = layout;
            values = new String[layout.fields.size()];
            failed = new String[layout.fields.size()];
            children = new String[layout.childColumns.size()][];
        }

        Map<String, String> unmapped() {
            if (unmapped == null) unmapped = new LinkedHashMap<>();
            return unmapped;
        }

        /** Of several wrong nested types, the first in the kind's order of shapes is the one reported. */
        void shapeFailure(int shape, String detail) {
            if (bad == null || shape < badShape) {
                bad = detail;
                badShape = shape;
            }
        }

        /**
         * Notes a child array or nested object by its name; given twice, the record is bad_json. A
         * second {@code line_items} array replaced the first, whose items were then in no output and
         * no count. A scalar field given twice keeps its last value, as JSON parsers commonly do.
         */
        void twice(String name, int shape) {
            int bit = 1 << shape; // a layout's shapes are 0, 1, 2: one per child array or nested object
            if ((seenShapes & bit) != 0) shapeFailure(shape, "duplicate field '" + name + "'");
            seenShapes |= bit;
        }

        void clearNested(Nested nested) {
            for (int slot : nested.slots.values()) values[slot] = null;
            for (int child : nested.childSlots.values()) children[child] = null;
        }

        boolean hasLoneSurrogate() {
            for (String v : values) if (loneSurrogate(v)) return true;
            for (String v : failed) if (loneSurrogate(v)) return true;
            for (String[] c : children) {
                if (c != null) for (String v : c) if (loneSurrogate(v)) return true;
            }
            if (unmapped != null) {
                for (Map.Entry<String, String> e : unmapped.entrySet()) {
                    if (loneSurrogate(e.getKey()) || loneSurrogate(e.getValue())) return true;
                }
            }
            return false;
        }

        private static boolean loneSurrogate(String s) {
            if (s == null) return false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                else if (Character.isSurrogate(c)) return true;
            }
            return false;
        }

        Row notAnObject() {
            return bad(NOT_AN_OBJECT);
        }

        /** A record without fields: only why it is bad_json. */
        Row bad(String why) {
            bad = why;
            return toRow();
        }

        Row toRow() {
            Object[] out = new Object[layout.fields.size() + (layout.topLevel ? 1 : 0) + 1 + children.length];
            int i = 0;
            for (int f = 0; f < values.length; f++) {
                out[i++] = blankAsNull(values[f] != null ? values[f] : failed[f]);
            }
            if (typedValueIsString && values[layout.typedValueSlot] != null
                    && LandingKind.INTEGER_ATTRIBUTE.equals(values[layout.typeSlot])) {
                // An Integer attribute given as a string ("12") keeps its quotes, as an integer field's
                // token does, so that validation rejects it (bad_number).
                out[layout.typedValueSlot] = '"' + values[layout.typedValueSlot] + '"';
            }
            if (layout.topLevel) out[i++] = unmapped == null || unmapped.isEmpty() ? null : unmappedJson(unmapped);
            out[i++] = bad;
            for (String[] c : children) out[i++] = c;
            return RowFactory.create(out);
        }
    }

    /** An object nested in a record whose string fields are the record's (attributes, from, into). */
    private record Nested(String name, int shape, Map<String, Integer> slots, Map<String, Integer> childSlots)
            implements Serializable {}

    /** Where each key of a kind's JSON goes. */
    private static final class Layout implements Serializable {
        final boolean topLevel;
        final List<String> fields;
        final boolean[] integer;
        final Map<String, Integer> slots = new HashMap<>();
        final Map<String, Nested> nested = new HashMap<>();
        final List<String> childColumns = new ArrayList<>();
        final Map<String, Integer> childSlots = new HashMap<>();
        final String[] childNames;
        final int[] childShapes;
        /** A customer attribute's value and type slots (-1 elsewhere): the value's JSON type is checked against the type. */
        final int typedValueSlot;
        final int typeSlot;

        private Layout(LandingKind kind, boolean topLevel, List<String> fields, List<String> childColumns) {
            this.topLevel = topLevel;
            this.fields = fields;
            this.childColumns.addAll(childColumns);
            integer = new boolean[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                slots.put(fields.get(i), i);
                integer[i] = LandingKind.INTEGER_FIELDS.contains(fields.get(i));
            }
            childNames = new String[childColumns.size()];
            childShapes = new int[childColumns.size()];
            boolean attribute = kind == LandingKind.CUSTOMER_ATTRIBUTES;
            typedValueSlot = attribute ? fields.indexOf("value") : -1;
            typeSlot = attribute ? fields.indexOf("type") : -1;
        }

        static Layout child(LandingKind kind) {
            return new Layout(kind, false, kind.jsonFields(), List.of());
        }

        static Layout topLevel(LandingKind kind) {
            Layout l = new Layout(kind, true, kind.fields(), RawColumns.childArrays(kind));
            switch (kind) {
                case CUSTOMER_MERGES -> {
                    // Only merged_at is a top-level key; the other fields come from the from / into objects.
                    l.slots.keySet().retainAll(List.of("merged_at"));
                    l.nested.put("from", l.keyOf("from", 0));
                    l.nested.put("into", l.keyOf("into", 1));
                }
                case CUSTOMERS -> {
                    // The order of shapes is the order in which a wrong type is reported: the object first.
                    l.childShape(0, "attributes.tags", 1);
                    l.childShape(1, "attributes.custom", 2);
                    l.nested.put("attributes", new Nested("attributes", 0, Map.of(), Map.of("tags", 0, "custom", 1)));
                }
                case INVOICES -> {
                    l.childShape(0, "line_items", 0);
                    l.childShape(1, "transactions", 1);
                    l.childSlots.put("line_items", 0);
                    l.childSlots.put("transactions", 1);
                }
                default -> { }
            }
            return l;
        }

        private void childShape(int index, String name, int shape) {
            childNames[index] = name;
            childShapes[index] = shape;
        }

        /** A merge's from / into: {data_source_uuid, external_id} into the fields prefixed "from_" / "into_". */
        private Nested keyOf(String name, int shape) {
            Map<String, Integer> s = new HashMap<>();
            for (String part : List.of("data_source_uuid", "external_id")) s.put(part, fields.indexOf(name + "_" + part));
            return new Nested(name, shape, s, Map.of());
        }
    }
}
