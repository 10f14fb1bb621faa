package io.mrrlake.generate;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonGenerator;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.mrrlake.generate.Records.Emit;
import io.mrrlake.generate.Records.Line;

/**
 * Writes a synthetic landing zone (docs/LANDING.md, JSON Lines, gzip) through Hadoop's FileSystem API:
 * {@code <root>/<kind>/part-NNNNN.jsonl.gz}. Customers are made one at a time and written at once,
 * in parts of {@link #CUSTOMERS_PER_PART} written in parallel; every part depends only on the options,
 * so the bytes are the same for the same options on any machine and with any number of threads.
 */
public final class Generator {
    public static final int CUSTOMERS_PER_PART = 50_000;
    /** Every kind written, in docs/LANDING.md's order. */
    public static final List<String> KINDS = List.of(StaticKinds.DATA_SOURCES, BadRecords.CUSTOMERS, BadRecords.CONTACTS,
            StaticKinds.PLANS, BadRecords.INVOICES, BadRecords.EVENTS, StaticKinds.RATES, Generator.MERGES);
    static final String MERGES = "customer_merges";

    private Generator() {}

    public static GeneratorReport generate(GeneratorOptions o, Configuration hadoop) throws IOException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
        return generate(o, hadoop, CUSTOMERS_PER_PART, threads);
    }

    static GeneratorReport generate(GeneratorOptions o, Configuration hadoop, int perPart, int threads) throws IOException {
        if (o.customers() > CustomerFactory.MAX_CUSTOMERS) {
            throw new IllegalArgumentException("at most " + CustomerFactory.MAX_CUSTOMERS + " customers");
        }
        long began = System.nanoTime();
        Path root = rootPath(o.outputUri());
        Period period = Period.of(o);
        CustomerFactory factory = new CustomerFactory(period, o.seed());
        Tally total = new Tally();
        try (FileSystem fs = FileSystem.newInstance(root.toUri(), hadoop)) {
            fs.setWriteChecksum(false); // no .crc side files on local disks
            for (String kind : KINDS) fs.delete(new Path(root, kind), true); // leftovers of a bigger run
            int parts = (int) ((o.customers() + perPart - 1) / perPart);
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "mrrlake-generate");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Tally>> futures = new ArrayList<>();
                futures.add(pool.submit(() -> writeStatic(fs, root, period, o.seed())));
                for (int p = 0; p < parts; p++) {
                    long from = (long) p * perPart;
                    long to = Math.min(o.customers(), from + perPart);
                    int part = p;
                    futures.add(pool.submit(() -> writeCustomers(fs, root, factory, part, from, to)));
                }
                for (Future<Tally> f : futures) total.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("generation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                throw new IOException("generation failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        Map<String, Long> records = new TreeMap<>();
        for (String kind : KINDS) records.put(kind, total.records.getOrDefault(kind, 0L));
        return new GeneratorReport(records, total.bad, total.identical, total.files, total.bytes,
                (System.nanoTime() - began) / 1e9);
    }

    /** A URI with a scheme as it is; a plain path is a local path. */
    static Path rootPath(String uri) {
        try {
            URI u = new URI(uri);
            if (u.getScheme() != null && u.getScheme().length() > 1) return new Path(u);
        } catch (URISyntaxException e) {
            // not a URI (spaces, say): a local path
        }
        return new Path(new File(uri).getAbsoluteFile().toURI());
    }

    static String partName(int part) {
        return String.format("part-%05d.jsonl.gz", part);
    }

    private static Tally writeStatic(FileSystem fs, Path root, Period period, long seed) throws IOException {
        Tally tally = new Tally();
        try (JsonLinesWriter w = open(fs, root, StaticKinds.DATA_SOURCES, 0)) {
            StaticKinds.dataSources(w, tally);
            close(w, tally);
        }
        try (JsonLinesWriter w = open(fs, root, StaticKinds.PLANS, 0)) {
            StaticKinds.plans(w, tally);
            close(w, tally);
        }
        try (JsonLinesWriter w = open(fs, root, StaticKinds.RATES, 0)) {
            StaticKinds.rates(w, tally, period, seed);
            close(w, tally);
        }
        return tally;
    }

    private static Tally writeCustomers(FileSystem fs, Path root, CustomerFactory factory, int part, long from, long to)
            throws IOException {
        Tally tally = new Tally();
        try (JsonLinesWriter customers = open(fs, root, BadRecords.CUSTOMERS, part);
             JsonLinesWriter contacts = open(fs, root, BadRecords.CONTACTS, part);
             JsonLinesWriter invoices = open(fs, root, BadRecords.INVOICES, part);
             JsonLinesWriter events = open(fs, root, BadRecords.EVENTS, part);
             JsonLinesWriter merges = open(fs, root, MERGES, part)) {
            for (long i = from; i < to; i++) {
                CustomerOutput out = factory.make(i);
                for (var c : out.customers) write(customers, c, BadRecords.CUSTOMERS, tally, Render::customer);
                for (var c : out.contacts) write(contacts, c, BadRecords.CONTACTS, tally, Render::contact);
                for (var inv : out.invoices) write(invoices, inv, BadRecords.INVOICES, tally, Render::invoice);
                for (var e : out.events) write(events, e, BadRecords.EVENTS, tally, Render::event);
                for (var m : out.merges) {
                    Render.merge(merges.begin(), m);
                    merges.endLine();
                    tally.record(MERGES);
                }
            }
            for (JsonLinesWriter w : List.of(customers, contacts, invoices, events, merges)) close(w, tally);
        }
        return tally;
    }

    private interface Renderer<T> {
        void render(JsonGenerator g, T record) throws IOException;
    }

    private static <T extends Line> void write(JsonLinesWriter w, T line, String kind, Tally tally, Renderer<T> r)
            throws IOException {
        r.render(w.begin(), line);
        if (line.emit == Emit.TRUNCATED) w.endTruncatedLine();
        else w.endLine();
        tally.record(kind);
        if (line.reason != null) tally.bad(kind, line.reason);
        if (line.emit == Emit.TWICE_IDENTICAL) {
            w.repeatLine();
            tally.record(kind);
            tally.identical(kind);
        }
    }

    private static JsonLinesWriter open(FileSystem fs, Path root, String kind, int part) throws IOException {
        return new JsonLinesWriter(fs.create(new Path(new Path(root, kind), partName(part)), true));
    }

    /** Closes the writer (idempotent with try-with-resources) and counts its file and bytes. */
    private static void close(JsonLinesWriter w, Tally tally) throws IOException {
        w.close();
        tally.files++;
        tally.bytes += w.bytes();
    }
}
