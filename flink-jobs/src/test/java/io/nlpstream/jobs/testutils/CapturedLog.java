package io.nlpstream.jobs.testutils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log event at INFO or above while it is open, rendered with its exception and causes, as a
 * production log file would hold it.
 */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context;
    private final Level rootLevelBefore;
    private final Map<String, Appender> consoleAppenders = new HashMap<>();

    private CapturedLog(LoggerContext context) {
        super(
                "captured-log",
                null,
                PatternLayout.newBuilder().withPattern("%-5p %c - %m%n%throwable").build(),
                false,
                Property.EMPTY_ARRAY);
        this.context = context;
        this.rootLevelBefore = context.getConfiguration().getRootLogger().getLevel();
    }

    /** Lowers the root logger to INFO and captures everything from there on. */
    public static CapturedLog startAtInfo() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        CapturedLog log = new CapturedLog(context);
        log.start();
        LoggerConfig root = context.getConfiguration().getRootLogger();
        // The console keeps its level: its appenders see WARN and above, as before.
        log.consoleAppenders.putAll(root.getAppenders());
        log.consoleAppenders.keySet().forEach(root::removeAppender);
        log.consoleAppenders.values().forEach(a -> root.addAppender(a, log.rootLevelBefore, null));
        root.addAppender(log, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        return log;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(getLayout().toSerializable(event).toString());
    }

    /** The captured log as one text. */
    public synchronized String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(getName());
        consoleAppenders.keySet().forEach(root::removeAppender);
        consoleAppenders.values().forEach(a -> root.addAppender(a, null, null));
        root.setLevel(rootLevelBefore);
        context.updateLoggers();
        stop();
    }
}
