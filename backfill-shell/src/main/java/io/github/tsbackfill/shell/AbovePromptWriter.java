package io.github.tsbackfill.shell;

import java.io.Writer;
import org.jline.reader.LineReader;

/** Prints whole lines above the prompt, so background output never mangles what the operator is typing. */
final class AbovePromptWriter extends Writer {

    private final LineReader reader;
    private final StringBuilder line = new StringBuilder();

    AbovePromptWriter(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '\n') {
                reader.printAbove(line.toString());
                line.setLength(0);
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    @Override
    public synchronized void flush() {
        // Partial lines wait for their end: printAbove works line by line.
    }

    @Override
    public void close() {
        flush();
    }
}
