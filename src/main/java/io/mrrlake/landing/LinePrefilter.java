package io.mrrlake.landing;

import static org.apache.spark.sql.functions.udf;

import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * A test on a JSON line's text before it is parsed: could the record hold one of the needles as a
 * string value? In a line without a backslash, every string (key or value) is exactly the text between
 * two successive quotes, so the line passes if one of those equals a needle. A writer that escaped a
 * character (a Unicode escape, an escaped slash or quote) needs a backslash: such a line always passes.
 * The test never drops a line that a selection by the parsed fields would keep; it only saves parsing
 * the lines that cannot match. One pass over the line whatever the number of needles: a chain of
 * {@code contains}, one scan per needle, made a 54 MB gzip file take 9 s with 8 needles against 3 s
 * with one (measured; this test takes 3.8 s with 68).
 */
public record LinePrefilter(Set<String> needles) {
    public LinePrefilter {
        needles = Set.copyOf(needles);
    }

    Column mayHold(Column line) {
        return udf(new Test(needles), DataTypes.BooleanType).apply(line);
    }

    /** Whether {@code line} could hold one of the needles as a JSON string (see the class comment). */
    public boolean mayHold(String line) {
        return Test.mayHold(line, needles);
    }

    private record Test(Set<String> needles) implements UDF1<String, Boolean> {
        @Override
        public Boolean call(String line) {
            return mayHold(line, needles);
        }

        static boolean mayHold(String line, Set<String> needles) {
            if (line == null) return false;
            if (line.indexOf('\\') >= 0) return true;
            int open = line.indexOf('"');
            while (open >= 0) {
                int close = line.indexOf('"', open + 1);
                if (close < 0) return false;
                if (needles.contains(line.substring(open + 1, close))) return true;
                open = line.indexOf('"', close + 1);
            }
            return false;
        }
    }
}
