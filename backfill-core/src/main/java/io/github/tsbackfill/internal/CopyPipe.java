package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillEvent;
import io.github.tsbackfill.BackfillListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOperation;
import org.postgresql.copy.CopyOut;

/**
 * Streams {@code COPY ... TO STDOUT} on the source into {@code COPY ... FROM STDIN} on the target.
 *
 * <p>A reader thread drains the source while the caller's thread writes to the target, as two processes joined by a
 * pipe do. Profiled with one thread doing both, the worker waited on the source for a fifth of the copy on top of
 * its waits on the target; on a two-core machine whose servers have no spare core the overlap gained nothing
 * measurable, but with the copier on its own host it keeps the source streaming while the target is written. Rows
 * arrive one CopyData message each and travel gathered into batches of up to 64 KB (the server parses the stream,
 * not the message boundaries); at most {@value #BATCHES_IN_FLIGHT} batches wait between the threads, so memory stays
 * under a megabyte plus one row, whatever the chunk's size.
 */
final class CopyPipe {

    private static final long PROGRESS_EVERY_BYTES = 8L << 20;
    private static final int BATCH_BYTES = 64 << 10;
    private static final int BATCHES_IN_FLIGHT = 8;

    private CopyPipe() {
    }

    record Streamed(long rows, long bytes) {
    }

    /** {@code worker}: counts what is sent, and holds it back while the rate limit says so. */
    static Streamed pipe(Connection source, String copyOut, Connection target, String copyIn, String chunk,
                         BackfillListener listener, Worker worker) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        CopyIn in;
        try {
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
        } catch (SQLException e) {
            abandon(source);
            throw e;
        }
        Reader reader = new Reader(out);
        Thread thread = new Thread(reader, Thread.currentThread().getName() + "-read");
        thread.setDaemon(true);
        thread.start();
        try {
            return write(reader, in, chunk, listener, worker);
        } catch (SQLException | RuntimeException e) {
            cancel(in);
            if (!reader.ended()) {
                abandon(source);
            }
            throw e;
        } finally {
            reader.stop();
            join(thread);
        }
    }

    private static Streamed write(Reader reader, CopyIn in, String chunk, BackfillListener listener, Worker worker)
            throws SQLException {
        long bytes = 0;
        long rows = 0;
        long nextProgress = PROGRESS_EVERY_BYTES;
        for (Batch batch = reader.next(); batch != Batch.END; batch = reader.next()) {
            worker.sending(batch.length);
            in.writeToCopy(batch.bytes, 0, batch.length);
            bytes += batch.length;
            rows += batch.rows;
            reader.recycle(batch);
            if (bytes >= nextProgress) {
                listener.onEvent(new BackfillEvent.CopyProgress(chunk, rows, bytes));
                nextProgress += PROGRESS_EVERY_BYTES;
            }
        }
        return new Streamed(in.endCopy(), bytes);
    }

    /** Bytes of whole rows; {@code bytes} is a pooled buffer unless one row alone outgrew it. */
    private record Batch(byte[] bytes, int length, long rows) {
        static final Batch END = new Batch(new byte[0], 0, 0);
    }

    /** Reads the source's rows into batches until the COPY ends, fails, or the writer stops it. */
    private static final class Reader implements Runnable {

        private final CopyOut out;
        private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT + 2);
        private volatile boolean stopped;
        private volatile boolean ended;
        private volatile SQLException failure;

        Reader(CopyOut out) {
            this.out = out;
        }

        @Override
        public void run() {
            try {
                read();
            } catch (SQLException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new SQLException("reading the source's COPY failed: " + e, e);
            } finally {
                ended = !out.isActive();
                hand(Batch.END);
            }
        }

        private void read() throws SQLException {
            byte[] buffer = buffer();
            int length = 0;
            long rows = 0;
            byte[] row;
            while (!stopped && (row = out.readFromCopy()) != null) {
                if (length + row.length > buffer.length && length > 0) {
                    hand(new Batch(buffer, length, rows));
                    buffer = buffer();
                    length = 0;
                    rows = 0;
                }
                if (row.length > buffer.length) {
                    hand(new Batch(row, row.length, 1));
                } else {
                    System.arraycopy(row, 0, buffer, length, row.length);
                    length += row.length;
                    rows++;
                }
            }
            if (length > 0) {
                hand(new Batch(buffer, length, rows));
            }
        }

        private byte[] buffer() {
            byte[] pooled = free.poll();
            return pooled != null ? pooled : new byte[BATCH_BYTES];
        }

        /** Waits for room, unless the writer has stopped listening. */
        private void hand(Batch batch) {
            try {
                while (!stopped && !full.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    // the writer is busy with the target; wait for it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        /** The next batch, or {@link Batch#END} after the last; rethrows what ended the reading early. */
        Batch next() throws SQLException {
            Batch batch;
            try {
                batch = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while copying", "57014", e);
            }
            if (batch == Batch.END && failure != null) {
                throw failure;
            }
            return batch;
        }

        void recycle(Batch batch) {
            if (batch.bytes.length == BATCH_BYTES) {
                free.offer(batch.bytes);
            }
        }

        void stop() {
            stopped = true;
        }

        /** Whether the source's COPY has run to its end (the driver read all of it): its connection is reusable. */
        boolean ended() {
            return ended;
        }
    }

    private static void join(Thread reader) {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the source connection under an unfinished COPY TO STDOUT. The driver's cancel of such a COPY asks the
     * server to stop but leaves the rest of the stream unread, so a pooled connection would then read each
     * statement's reply as the next one's ("Expected command status BEGIN, got SET"). Closed, the server ends the
     * COPY and its read-only transaction, the pool drops the connection, and the reader's next read fails at once.
     */
    private static void abandon(Connection source) {
        try {
            source.abort(Runnable::run);
        } catch (SQLException ignored) {
            // already closed
        }
    }

    private static void cancel(CopyOperation operation) {
        try {
            if (operation.isActive()) {
                operation.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection is already broken; the transaction rolls back with it
        }
    }
}
