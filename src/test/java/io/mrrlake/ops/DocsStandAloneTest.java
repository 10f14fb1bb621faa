package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The repository's documentation stands on its own: every relative link in every Markdown file
 * resolves to a file (and heading) inside the repository, and no document, script or code comment
 * refers to the contract files the project was built from, which are not in it.
 */
class DocsStandAloneTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s*\\[[^\\]]+]:\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern OUTSIDE = Pattern.compile(
            "\\.\\./shared|shared/spec|spec/[a-z-]+\\.md|(?<![A-Za-z/_-])(mrr-rules|landing|datasets|run|webhooks)\\.md");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", "demo");

    @Test
    void everyRelativeMarkdownLinkResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path md : files(".md")) {
            String text = Files.readString(md, StandardCharsets.UTF_8);
            List<String> targets = new ArrayList<>();
            for (Matcher m = LINK.matcher(withoutCode(text)); m.find(); ) targets.add(m.group(1));
            for (Matcher m = REFERENCE.matcher(withoutCode(text)); m.find(); ) targets.add(m.group(1));
            for (String target : targets) {
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) continue; // https:, mailto:
                links++;
                String problem = problem(md, target);
                if (problem != null) broken.add(ProjectFiles.ROOT.relativize(md) + ": " + target + " (" + problem + ")");
            }
        }
        assertTrue(links > 10, "the docs link to each other: " + links + " links found");
        assertTrue(broken.isEmpty(), "links that do not resolve inside the repository:\n  " + String.join("\n  ", broken));
    }

    @Test
    void nothingRefersToFilesOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (String ext : List.of(".md", ".java", ".py", ".sh", ".conf", ".ipynb", ".yml", ".yaml", ".json")) {
            for (Path f : files(ext)) {
                if (f.endsWith("DocsStandAloneTest.java")) continue;
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = OUTSIDE.matcher(lines.get(i));
                    if (m.find()) found.add(ProjectFiles.ROOT.relativize(f) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        for (Path script : files("")) {
            // Extension-less scripts (scripts/mrrlake, scripts/test, ...).
            if (!script.getParent().endsWith("scripts") || script.getFileName().toString().contains(".")) continue;
            List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = OUTSIDE.matcher(lines.get(i));
                if (m.find()) found.add(ProjectFiles.ROOT.relativize(script) + ":" + (i + 1) + ": " + m.group());
            }
        }
        assertTrue(found.isEmpty(), "references to files that are not in the repository (docs/ holds the contract):\n  "
                + String.join("\n  ", found));
    }

    /** Null when target resolves, else why not. */
    private static String problem(Path md, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? md : md.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ProjectFiles.ROOT)) return "outside the repository";
        if (!Files.exists(resolved)) return "no such file";
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return "no heading #" + anchor;
        }
        return null;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path md) throws IOException {
        Set<String> out = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readString(md, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("```")) fenced = !fenced;
            if (fenced || !line.startsWith("#")) continue;
            String title = line.replaceFirst("^#+\\s*", "").trim();
            out.add(title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return out;
    }

    /** The text without fenced or indented code blocks, whose brackets are not links. */
    private static String withoutCode(String text) {
        StringBuilder sb = new StringBuilder();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || line.startsWith("    ") || line.startsWith("\t")) continue;
            sb.append(line.replaceAll("`[^`]*`", "")).append('\n');
        }
        return sb.toString();
    }

    private static List<Path> files(String extension) throws IOException {
        try (Stream<Path> all = Files.walk(ProjectFiles.ROOT)) {
            return all.filter(p -> ProjectFiles.ROOT.relativize(p).getNameCount() > 0)
                    .filter(p -> {
                        for (Path part : ProjectFiles.ROOT.relativize(p)) {
                            if (SKIPPED_FOLDERS.contains(part.toString())) return false;
                        }
                        return true;
                    })
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(extension))
                    .toList();
        }
    }
}
