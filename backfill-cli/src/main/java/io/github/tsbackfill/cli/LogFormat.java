package io.github.tsbackfill.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * How log lines look on standard error: the pattern of logback.xml, or one JSON object per line (Logback's own
 * JsonEncoder) for log shippers.
 */
final class LogFormat {

    private static final String APPENDER = "STDERR";
    private static final String PATTERN = "%d{HH:mm:ss} %-5level %logger{0} - %msg%n";

    private LogFormat() {
    }

    static void use(boolean json) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console)) {
            return;
        }
        if (json == console.getEncoder() instanceof JsonEncoder) {
            return;
        }
        LoggerContext context = root.getLoggerContext();
        Encoder<ILoggingEvent> encoder;
        if (json) {
            JsonEncoder jsonEncoder = new JsonEncoder();
            jsonEncoder.setContext(context);
            jsonEncoder.setWithFormattedMessage(true);
            encoder = jsonEncoder;
        } else {
            PatternLayoutEncoder pattern = new PatternLayoutEncoder();
            pattern.setContext(context);
            pattern.setPattern(PATTERN);
            encoder = pattern;
        }
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }
}
