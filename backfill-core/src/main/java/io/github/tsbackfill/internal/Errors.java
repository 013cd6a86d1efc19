package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import java.sql.SQLException;

/** Turns driver exceptions into one-line, actionable messages. */
public final class Errors {

    private Errors() {
    }

    static BackfillException connection(String role, SQLException e) {
        String state = rootState(e);
        String detail = firstLine(rootMessage(e));
        if ("28P01".equals(state) || "28000".equals(state)) {
            return new BackfillException(Kind.CONNECTION, "cannot log in to the " + role + " database: " + detail, e);
        }
        if ("3D000".equals(state)) {
            return new BackfillException(Kind.CONNECTION, "the " + role + " database does not exist: " + detail, e);
        }
        return new BackfillException(Kind.CONNECTION, "cannot connect to the " + role + " database: " + detail, e);
    }

    /** A failure while working, for messages stored with tasks and shown to the user. */
    public static String describe(Throwable e) {
        return firstLine(rootMessage(e));
    }

    static BackfillException failed(String what, SQLException e) {
        return new BackfillException(Kind.FAILED, what + ": " + describe(e), e);
    }

    private static String rootState(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                && t.getMessage().contains("Connection is not available")) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    private static String firstLine(String s) {
        int newline = s.indexOf('\n');
        return (newline < 0 ? s : s.substring(0, newline)).trim();
    }
}
