package io.github.tsbackfill.cli;

import io.github.tsbackfill.BackfillException;

/** Exit codes, documented in {@code --help} and the README. */
public final class ExitCode {

    public static final int OK = 0;
    /** The operation ran and failed for another reason. */
    public static final int FAILED = 1;
    /** Bad command line or option value; nothing was done. */
    public static final int USAGE = 2;
    /** A database could not be reached or refused the login. */
    public static final int CONNECTION = 3;
    /** Verify found differences between source and target. */
    public static final int MISMATCH = 4;
    /** Some chunks failed (their tasks stay pending with the error recorded); the rest was done. */
    public static final int PARTIAL = 5;
    /** The databases are not ready for this command (no TimescaleDB, nothing staged, ...). */
    public static final int PRECONDITION = 6;
    /** Stopped by Ctrl-C / SIGINT; pending work is picked up by the next run. */
    public static final int INTERRUPTED = 130;

    static final String HELP = """
            Exit codes:
              0    success
              1    failed
              2    usage error (bad option or value; nothing was done)
              3    connection error (host unreachable, login refused)
              4    verify found mismatches
              5    partial failure (some chunks failed; they stay pending)
              6    precondition not met (no TimescaleDB, nothing staged, ...)
              130  interrupted (Ctrl-C); run the command again to continue""";

    private ExitCode() {
    }

    static int of(BackfillException e) {
        return switch (e.kind()) {
            case INVALID_INPUT -> USAGE;
            case CONNECTION -> CONNECTION;
            case PRECONDITION -> PRECONDITION;
            case FAILED -> FAILED;
        };
    }
}
