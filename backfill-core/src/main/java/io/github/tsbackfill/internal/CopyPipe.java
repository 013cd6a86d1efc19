package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Streams {@code COPY ... TO STDOUT} on the source into {@code COPY ... FROM STDIN} on the target, one
 * CopyData message at a time: memory stays at one row whatever the chunk's size.
 */
final class CopyPipe {

    private static final long PROGRESS_EVERY_BYTES = 8L << 20;

    private CopyPipe() {
    }

    record Streamed(long rows, long bytes) {
    }

    static Streamed pipe(Connection source, String copyOut, Connection target, String copyIn, String chunk,
                         BackfillListener listener) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        CopyIn in;
        try {
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
        } catch (SQLException e) {
            cancel(out);
            throw e;
        }
        long bytes = 0;
        long messages = 0;
        long nextProgress = PROGRESS_EVERY_BYTES;
        try {
            byte[] buffer;
            while ((buffer = out.readFromCopy()) != null) {
                in.writeToCopy(buffer, 0, buffer.length);
                bytes += buffer.length;
                messages++;
                if (bytes >= nextProgress) {
                    listener.onEvent(new BackfillEvent.CopyProgress(chunk, messages, bytes));
                    nextProgress += PROGRESS_EVERY_BYTES;
                }
            }
            return new Streamed(in.endCopy(), bytes);
        } catch (SQLException | RuntimeException e) {
            cancel(out);
            cancel(in);
            throw e;
        }
    }

    private static void cancel(org.postgresql.copy.CopyOperation operation) {
        try {
            if (operation.isActive()) {
                operation.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection is already broken; the transaction rolls back with it
        }
    }
}
