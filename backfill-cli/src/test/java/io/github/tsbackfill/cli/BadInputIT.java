package io.github.tsbackfill.cli;

import static io.github.tsbackfill.cli.CliRunner.expectRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;

/**
 * The refusals of the README's bad-input table not covered by {@link CliErrorsIT}: each is one line on standard
 * error with its exit code, no stack trace, no password, and nothing written where nothing should be.
 */
class BadInputIT {

    @TimescaleTest
    void refusesBadInputWithOneLineAndItsExitCode(DatabasePair db) {
        Fixtures.install(db, false);
        String tgt = db.target().libpqUrl();

        expectRefusal(db, ExitCode.USAGE, "Unknown option: '--bogus'", "copy", "--bogus");
        expectRefusal(db, ExitCode.USAGE, "--source", "stage", "--until", "1", "--source", "postgres://u:Sekr1t@host:notaport/db");
        expectRefusal(db, ExitCode.CONNECTION, "cannot connect to the target database", "status", "--target",
                "postgres://u:Sekr1t@no-such-host.invalid:5432/db");
        expectRefusal(db, ExitCode.CONNECTION, "the target database does not exist", "status", "--target",
                tgt.substring(0, tgt.lastIndexOf('/') + 1) + "no_such_database");
        expectRefusal(db, ExitCode.USAGE, "--parallelism", "copy", "-p", "0");
        expectRefusal(db, ExitCode.USAGE, "--watch", "status", "--watch", "0");
        expectRefusal(db, ExitCode.USAGE, "is not before --until", "stage", "--from", "2024-02-01", "--until", "2024-01-01",
                "--filter", "^metrics\\.cpu$");
        expectRefusal(db, ExitCode.USAGE, "--until", "stage", "--until", "next tuesday", "--filter", "^metrics\\.cpu$");
        expectRefusal(db, ExitCode.PRECONDITION, "run 'stage' first", "status");
        expectRefusal(db, ExitCode.PRECONDITION, "run 'stage' first", "refresh-caggs");
        assertThat(db.target().queryValue("SELECT to_regnamespace('__backfill')")).as("nothing written").isNull();

        // A hypertable the target lacks is reported, the others are staged.
        db.target().execute("DROP TABLE metrics.readings");
        CliRunner.Run partial = CliRunner.run(db, "stage", "--until", "2030-01-01", "--filter", "^metrics\\.(cpu|readings)$");
        assertThat(partial.exit()).isEqualTo(ExitCode.PARTIAL);
        assertThat(partial.out()).contains("NOT STAGED: the target has no hypertable metrics.readings");

        // __backfill written by an incompatible version.
        db.target().execute("UPDATE __backfill.meta SET layout = 99");
        expectRefusal(db, ExitCode.PRECONDITION, "__backfill", "copy");
        db.target().execute("UPDATE __backfill.meta SET layout = 1");

        // A read-only target, and a role without the privileges to write there.
        db.target().execute("ALTER DATABASE " + db.target().database() + " SET default_transaction_read_only = on");
        expectRefusal(db, ExitCode.PRECONDITION, "the target is read-only", "copy");
        db.target().execute("SET default_transaction_read_only = off",
                "ALTER DATABASE " + db.target().database() + " RESET default_transaction_read_only");

        db.target().execute("DROP ROLE IF EXISTS backfill_weak", "CREATE ROLE backfill_weak LOGIN PASSWORD 'Sekr1t-weak'",
                "GRANT USAGE ON SCHEMA __backfill, metrics TO backfill_weak");
        String weak = tgt.replaceFirst("//[^@]*@", "//backfill_weak:Sekr1t-weak@");
        expectRefusal(db, ExitCode.PRECONDITION, "permission denied", "copy", "--target", weak);
        expectRefusal(db, ExitCode.PRECONDITION, "permission denied", "stage", "--until", "2030-01-01", "--filter",
                "^metrics\\.cpu$", "--target", weak);
    }
}
