package io.github.tsbackfill;

/** A failure of a backfill operation, with the class of problem so front-ends can map it to exit codes. */
public class BackfillException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough for an exit code. */
    public enum Kind {
        /** An option or request value is invalid; nothing was done. */
        INVALID_INPUT,
        /** A database could not be reached or refused the login. */
        CONNECTION,
        /** The databases are not in a state the operation can work with (no TimescaleDB, no tasks, ...). */
        PRECONDITION,
        /** The operation started and failed. */
        FAILED
    }

    private final Kind kind;

    public BackfillException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BackfillException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
