package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** --log-format switches the console appender to JSON lines and, in the shell, back to logback.xml's own pattern. */
class LogFormatTest {

    @Test
    void switchesToJsonAndBackToTheConfiguredPattern() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(root.getLoggerContext());
        console.setName("STDERR");
        console.setTarget("System.err");
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(root.getLoggerContext());
        pattern.setPattern("%d{HH:mm:ss} %-5level %logger{0} - %msg%n");
        pattern.start();
        console.setEncoder(pattern);
        console.start();
        root.addAppender(console);
        try {
            LogFormat.use(true);
            assertThat(console.getEncoder()).isInstanceOf(JsonEncoder.class);
            assertThat(console.isStarted()).isTrue();
            LogFormat.use(true);
            assertThat(console.getEncoder()).isInstanceOf(JsonEncoder.class);
            LogFormat.use(false);
            assertThat(console.getEncoder()).isSameAs(pattern);
            assertThat(console.isStarted()).isTrue();
        } finally {
            root.detachAppender(console);
            console.stop();
        }
    }
}
