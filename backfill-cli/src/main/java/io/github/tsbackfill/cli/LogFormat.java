package io.github.tsbackfill.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.JsonEncoder;
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
    /** logback.xml's encoder, kept when JSON first replaces it (the shell may switch back). */
    private static Encoder<ILoggingEvent> text;

    private LogFormat() {
    }

    static synchronized void use(boolean json) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console)) {
            return;
        }
        if (json == console.getEncoder() instanceof JsonEncoder) {
            return;
        }
        Encoder<ILoggingEvent> encoder;
        if (json) {
            text = console.getEncoder();
            JsonEncoder jsonEncoder = new JsonEncoder();
            jsonEncoder.setContext(root.getLoggerContext());
            jsonEncoder.setWithFormattedMessage(true);
            jsonEncoder.start();
            encoder = jsonEncoder;
        } else {
            encoder = text;
        }
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }
}
