package io.mrrlake.landing;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import io.mrrlake.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The JSON reader's raw records, field by field, for lines at the edges of JSON
 * (src/test/resources/json-edges): numbers of every shape in integer and text fields, nested fields
 * of the wrong type, odd array elements, unknown keys, escapes, single quotes, broken lines. The
 * expected rows (expected.txt, one "kind TAB row as JSON" per record, sorted) were first written by
 * the reader that parsed with Spark's {@code from_json}, {@code json_object_keys} and
 * {@code get_json_object}; the streaming parser that replaced it gave the same rows but for seven,
 * each changed on purpose: a bad_json line carries no field values (three lines had partial ones,
 * never shown); a line with a raw tab inside a string was read (it was an all-null record); an
 * object or array in an integer field shows its whole token ({@code [1]}, where the old
 * regular expression cut {@code [1}; three lines). Five lines became bad_json when the parser turned
 * strict: single quotes, a raw tab inside a string, and text after the object (a comment, a word, a
 * second object whose record was lost). A line with a lone surrogate escape became bad_json (it was
 * read with "?" in place of the escape, so two different texts read the same); a line of one tab
 * became a blank line, no record (it was bad_json). Whitespace other than spaces (a tab, a line break,
 * an ideographic space) in a text field is blank, so missing; a no-break space is text. Text after the
 * object is RFC 8259's whitespace or a bad_json; a line nested past the reader's depth limit is
 * bad_json naming the limit (it said "not a JSON object"). The actual rows are written to
 * target/json-edges-actual.txt, to diff against expected.txt.
 */
class JsonReaderEdgesTest {
    static final Path CORPUS = Paths.get("src/test/resources/json-edges");

    @Test
    void rawRecordsAreTheExpectedOnes() throws IOException {
        LandingReader reader = new LandingReader(
                LandingZone.open(SparkTest.spark(), CORPUS.toAbsolutePath().toUri().toString(), InputFormat.JSON));
        List<String> actual = new ArrayList<>();
        for (LandingKind kind : List.of(LandingKind.INVOICES, LandingKind.CUSTOMERS, LandingKind.CUSTOMER_MERGES,
                LandingKind.PLANS, LandingKind.CONTACTS)) {
            Dataset<Row> raw = reader.read(kind);
            actual.addAll(rows(kind, raw));
            Dataset<Row> parents = raw.filter(col(RawColumns.BAD).isNull());
            switch (kind) {
                case INVOICES -> {
                    actual.addAll(rows(LandingKind.LINE_ITEMS, children(parents, RawColumns.LINE_ITEMS, LandingKind.LINE_ITEMS)));
                    actual.addAll(rows(LandingKind.TRANSACTIONS, children(parents, RawColumns.TRANSACTIONS, LandingKind.TRANSACTIONS)));
                }
                case CUSTOMERS -> {
                    actual.addAll(rows(LandingKind.CUSTOMER_TAGS, children(parents, RawColumns.TAGS, LandingKind.CUSTOMER_TAGS)));
                    actual.addAll(rows(LandingKind.CUSTOMER_ATTRIBUTES, children(parents, RawColumns.CUSTOM, LandingKind.CUSTOMER_ATTRIBUTES)));
                }
                default -> { }
            }
        }
        Path written = Paths.get("target/json-edges-actual.txt");
        Files.write(written, actual, StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(CORPUS.resolve("expected.txt"), StandardCharsets.UTF_8);
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                "raw records differ from " + CORPUS.resolve("expected.txt") + " (actual rows in " + written + ")");
    }

    private static Dataset<Row> children(Dataset<Row> parents, String array, LandingKind kind) {
        return JsonLandingReader.children(parents, "data_source_uuid", "external_id", array, kind);
    }

    /** Each record as "kind TAB its columns as JSON" (the file column left out: it names a temporary path), sorted. */
    private static List<String> rows(LandingKind kind, Dataset<Row> records) {
        List<String> out = new ArrayList<>();
        for (String json : records.drop(RawColumns.FILE).toJSON().collectAsList()) out.add(kind.folder() + "\t" + json);
        out.sort(null);
        return out;
    }
}
