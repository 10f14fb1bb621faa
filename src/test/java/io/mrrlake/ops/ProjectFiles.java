package io.mrrlake.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mrrlake.cli.ArgsCheck;
import io.mrrlake.config.AsOf;
import picocli.CommandLine.ParseResult;

/** The project's files as the ops tests read them, and the checks they share. */
final class ProjectFiles {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

    private ProjectFiles() {}

    static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
    }

    /** pom.xml's spark.java17.flags: the one list every launcher must pass. */
    static String java17Flags() throws IOException {
        Matcher m = Pattern.compile("<spark.java17.flags>(.*?)</spark.java17.flags>").matcher(read("pom.xml"));
        assertTrue(m.find(), "pom.xml defines spark.java17.flags");
        return m.group(1).trim();
    }

    /** The project's own version, the first <version> after <artifactId>mrrlake</artifactId>. */
    static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>mrrlake</artifactId>\\s*<version>([^<]+)</version>").matcher(read("pom.xml"));
        assertTrue(m.find(), "pom.xml has the project version");
        return m.group(1);
    }

    /**
     * Replaces each scheduler template ({{ ... }}) by its sample value; a template without one fails
     * the test, so a new template in a job file needs a sample here.
     */
    static List<String> render(List<String> args, Map<String, String> samples) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            Matcher m = TEMPLATE.matcher(a);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String value = samples.get(m.group(1));
                assertTrue(value != null, "no sample value for the template {{ " + m.group(1) + " }} in " + a);
                m.appendReplacement(b, Matcher.quoteReplacement(value));
            }
            m.appendTail(b);
            out.add(b.toString());
        }
        return out;
    }

    /** Parses job arguments with the job's own parser; returns the run subcommand's parse result. */
    static ParseResult parseRun(List<String> args) {
        ParseResult top = ArgsCheck.parse(args);
        assertTrue(top.hasSubcommand(), "a command is named: " + args);
        ParseResult run = top.subcommand();
        assertTrue("run".equals(run.commandSpec().name()), "the run command: " + args);
        String asOf = run.matchedOptionValue("--as-of", null);
        assertTrue(asOf != null, "--as-of is given: " + args);
        AsOf.parse(asOf, java.time.ZoneOffset.UTC); // throws with the reason when the value is not a date or instant
        assertTrue(run.hasMatchedOption("--input"), "--input is given: " + args);
        assertTrue(run.hasMatchedOption("--output") || run.hasMatchedOption("--conf"), "a destination is given: " + args);
        return run;
    }
}
