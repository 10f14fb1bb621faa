package io.mrrlake.landing;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Raw records of one kind of a landing zone, in the zone's format; an absent kind reads as empty. */
public final class LandingReader {
    private final LandingZone zone;

    public LandingReader(LandingZone zone) {
        this.zone = zone;
    }

    /** {@link LandingZone#brokenCompressedFiles} of the kind's own files. */
    public List<String> brokenCompressedFiles(LandingKind kind) {
        return zone.format().nested() && kind.nestedInJson() ? List.of() : zone.brokenCompressedFiles(kind);
    }

    public InputFormat format() {
        return zone.format();
    }

    /**
     * Raw records (schema {@link RawColumns#schema}) of a kind stored on its own: every kind in the flat
     * formats, the top-level kinds in JSON (nested kinds come from {@link JsonLandingReader#children}).
     */
    public Dataset<Row> read(LandingKind kind) {
        return read(kind, Optional.empty());
    }

    /**
     * As {@link #read(LandingKind)}, but in JSON only the lines whose text could hold one of
     * {@code needles} are parsed ({@link LinePrefilter}): the explain command's way to pick a few
     * customers' records out of a large zone at the cost of a text scan. The caller still selects
     * by the parsed fields; the flat formats ignore the needles.
     */
    public Dataset<Row> read(LandingKind kind, Optional<Set<String>> needles) {
        List<String> files = zone.format().nested() && kind.nestedInJson() ? List.of() : zone.files(kind);
        if (files.isEmpty()) return zone.spark().createDataFrame(List.of(), RawColumns.schema(kind));
        try {
            return zone.format() == InputFormat.JSON
                    ? JsonLandingReader.read(zone.spark(), files, kind, needles.map(LinePrefilter::new))
                    : FlatLandingReader.read(zone.spark(), files, kind, zone.format());
        } catch (Exception e) { // Spark's AnalysisException and SparkException are checked, and undeclared
            // Planning the read touches the files (footers, Delta log, CSV header): failing here means unreadable.
            throw new LandingUnreadableException("cannot read " + kind.folder() + " in " + zone.uri() + " as "
                    + zone.format().wireName() + ": " + e.getMessage(), e);
        }
    }
}
