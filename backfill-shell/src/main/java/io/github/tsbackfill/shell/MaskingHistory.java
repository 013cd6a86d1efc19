package io.github.tsbackfill.shell;

import io.github.tsbackfill.cli.ConnectionUrl;
import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/** History (in memory and in the history file) with every password masked: {@code connect} lines carry URLs. */
final class MaskingHistory extends DefaultHistory {

    @Override
    public void add(Instant time, String line) {
        super.add(time, ConnectionUrl.mask(line));
    }
}
