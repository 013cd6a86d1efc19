package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.BackfillException.Kind;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;

/** Turns driver exceptions into one-line, actionable messages. */
public final class Errors {

    static final String READ_ONLY = "the target is read-only (a standby, or default_transaction_read_only is on)";
    static final String PRIVILEGES = "the target's role needs CREATE on the database for __backfill, and "
            + "INSERT/DELETE on the hypertables";
    static final String CAGG_PRIVILEGES = "the target's role must own the continuous aggregates it refreshes and "
            + "the hypertables under them";

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
        return new BackfillException(Kind.CONNECTION, "cannot connect to the " + role + " database: "
                + tlsProblem(e).orElse(detail), e);
    }

    private static final Pattern HOST_NOT_VERIFIED = Pattern.compile("The hostname (\\S+) could not be verified");

    /** A TLS verification failure in words: the driver's own names a Java class. */
    private static Optional<String> tlsProblem(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Optional.of("the server's TLS certificate is not signed by a trusted CA "
                        + "(sslrootcert names the CA to trust)");
            }
            Matcher host = HOST_NOT_VERIFIED.matcher(String.valueOf(t.getMessage()));
            if (host.find()) {
                return Optional.of("the server's TLS certificate is not for host " + host.group(1)
                        + " (sslmode=verify-full checks the host name; verify-ca does not)");
            }
        }
        return Optional.empty();
    }

    /**
     * A failure while working, for messages stored with tasks and shown to the user; a network cause is named
     * ("... failed when reading from copy (Read timed out)").
     */
    public static String describe(Throwable e) {
        if (e instanceof DataAccessException && e.getCause() instanceof SQLException cause) {
            return describe(cause); // jOOQ's own message starts with the whole statement
        }
        String message = firstLine(rootMessage(e));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof java.io.IOException && root.getMessage() != null && !message.contains(root.getMessage())
                ? message + " (" + firstLine(root.getMessage()) + ")"
                : message;
    }

    static BackfillException failed(String what, SQLException e) {
        return new BackfillException(Kind.FAILED, what + ": " + describe(e), e);
    }

    /**
     * Runs one operation of the API, turning a database error that escaped it into a one-line
     * {@link BackfillException}: a read-only target and missing privileges are preconditions the operator can fix.
     */
    public static <T> T guard(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            String detail = describe(e);
            detail = detail.startsWith("ERROR: ") ? detail.substring("ERROR: ".length()) : detail;
            String state = e.sqlState();
            if ("25006".equals(state)) {
                throw new BackfillException(Kind.PRECONDITION, operation + ": " + READ_ONLY + ": " + detail, e);
            }
            if ("42501".equals(state)) {
                String needs = operation.equals("refresh-caggs") ? CAGG_PRIVILEGES : PRIVILEGES;
                throw new BackfillException(Kind.PRECONDITION, operation + ": " + detail + " (" + needs + ")", e);
            }
            throw new BackfillException(Kind.FAILED, operation + ": " + detail, e);
        }
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
