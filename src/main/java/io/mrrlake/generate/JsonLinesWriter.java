package io.mrrlake.generate;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One gzip-compressed JSON Lines part file. Each record is rendered into a small buffer first, so a
 * line can be repeated byte for byte (an identical duplicate) or cut short (a {@code bad_json} line).
 * {@link GZIPOutputStream} writes a zero modification time, so equal input gives equal bytes.
 */
final class JsonLinesWriter implements Closeable {
    /** No separator between root values: each line holds exactly one object. */
    private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null);

    private final CountingStream file;
    private final GZIPOutputStream gzip;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private final JsonGenerator gen;
    private long lines;

    JsonLinesWriter(OutputStream target) throws IOException {
        this.file = new CountingStream(target);
        this.gzip = new GZIPOutputStream(file, 1 << 16);
        this.gen = FACTORY.createGenerator(line);
    }

    /** Starts a record: the generator to render it with; finish with {@link #endLine}. */
    JsonGenerator begin() {
        line.reset();
        return gen;
    }

    /** Writes the rendered record as one line. */
    void endLine() throws IOException {
        gen.flush();
        line.writeTo(gzip);
        gzip.write('\n');
        lines++;
    }

    /** Writes the last line once more, byte for byte. */
    void repeatLine() throws IOException {
        line.writeTo(gzip);
        gzip.write('\n');
        lines++;
    }

    /** Writes only the first half of the rendered record: a line that is not JSON. */
    void endTruncatedLine() throws IOException {
        gen.flush();
        byte[] bytes = line.toByteArray();
        gzip.write(bytes, 0, bytes.length / 2);
        gzip.write('\n');
        lines++;
    }

    long lines() {
        return lines;
    }

    /** Compressed bytes written so far (all of them after {@link #close}). */
    long bytes() {
        return file.count;
    }

    @Override
    public void close() throws IOException {
        gen.close();
        gzip.close();
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
