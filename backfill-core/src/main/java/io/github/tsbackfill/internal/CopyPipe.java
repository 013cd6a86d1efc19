package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Streams {@code COPY ... TO STDOUT} on the source into {@code COPY ... FROM STDIN} on the target. Rows arrive one
 * CopyData message each and leave gathered into messages of up to 64 KB (the server parses the stream, not the
 * message boundaries), which spares the target a message per row: memory stays at that buffer plus one row,
 * whatever the chunk's size.
 */
final class CopyPipe {

    private static final long PROGRESS_EVERY_BYTES = 8L << 20;
    private static final int BATCH_BYTES = 64 << 10;

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
        byte[] batch = new byte[BATCH_BYTES];
        int batched = 0;
        try {
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                if (batched + row.length > batch.length) {
                    in.writeToCopy(batch, 0, batched);
                    batched = 0;
                }
                if (row.length > batch.length) {
                    in.writeToCopy(row, 0, row.length);
                } else {
                    System.arraycopy(row, 0, batch, batched, row.length);
                    batched += row.length;
                }
                bytes += row.length;
                messages++;
                if (bytes >= nextProgress) {
                    listener.onEvent(new BackfillEvent.CopyProgress(chunk, messages, bytes));
                    nextProgress += PROGRESS_EVERY_BYTES;
                }
            }
            if (batched > 0) {
                in.writeToCopy(batch, 0, batched);
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
