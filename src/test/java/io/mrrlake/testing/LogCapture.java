package io.mrrlake.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/** Captures every log line (message and stack trace) of the JVM through a log4j2 appender added at runtime. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    private LogCapture() {
        super("test-log-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configurator.setLevel("io.mrrlake", Level.DEBUG);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().addAppender(capture, Level.ALL, null);
        config.getLoggers().values().forEach(l -> l.addAppender(capture, Level.ALL, null));
        ctx.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder b = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                + event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter w = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(w));
            b.append('\n').append(w);
        }
        lines.add(b.toString());
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        config.getLoggers().values().forEach(l -> l.removeAppender(getName()));
        ctx.updateLoggers();
        stop();
    }
}
