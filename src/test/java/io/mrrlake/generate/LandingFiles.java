package io.mrrlake.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a generated landing zone back for tests: lines per kind, parsed where they parse. */
final class LandingFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line: its text, and its JSON (null when it does not parse). */
    record Line(String text, JsonNode json) {}

    private LandingFiles() {}

    static List<Line> lines(Path root, String kind) {
        List<Line> out = new ArrayList<>();
        for (Path f : files(root.resolve(kind))) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                for (String s = r.readLine(); s != null; s = r.readLine()) out.add(new Line(s, parse(s)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<JsonNode> good(Path root, String kind) {
        return lines(root, kind).stream().map(Line::json).filter(j -> j != null).toList();
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every file, by its path under the root. */
    static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Path f : files(root)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            out.put(root.relativize(f).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
        }
        return out;
    }

    private static JsonNode parse(String s) {
        try {
            JsonNode n = JSON.readTree(s);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
