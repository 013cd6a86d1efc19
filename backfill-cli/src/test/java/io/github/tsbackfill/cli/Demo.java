package io.github.tsbackfill.cli;

import io.github.tsbackfill.testkit.Capability;
import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.DatabaseProvider;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.Providers;
import io.github.tsbackfill.testkit.TimescaleServer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The README's demo: real TimescaleDB from the testkit (provisioned locally when there is no Docker), the
 * standard fixture on a source database, then the real CLI: stage, copy, verify, status, clean.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        Providers.Resolution resolution = Providers.resolve();
        DatabaseProvider provider = resolution.provider().orElseThrow(() -> new IllegalStateException(resolution.whyNone()));
        TimescaleServer server = provider.server(DatabaseProvider.Role.SOURCE);
        List<String> versions = server.versions();
        String version = versions.stream().filter(v -> server.capabilities(v).contains(Capability.COMPRESSION))
                .reduce((a, b) -> b).orElse(versions.get(versions.size() - 1));
        DatabasePair db = new DatabasePair(server.createDatabase(version), server.createDatabase(version));
        PrintWriter out = new PrintWriter(System.out, true);
        int failures = 0;
        try {
            out.println("== Demo on " + provider.name() + ", TimescaleDB " + version + ": source " + db.source().database()
                    + ", target " + db.target().database());
            Fixtures.Installed fixture = Fixtures.install(db);
            out.println("== Source filled: " + fixture.hypertables().size() + " hypertables, " + fixture.totalRows()
                    + " rows" + (fixture.compressed() ? ", some chunks compressed" : ""));
            Map<String, String> env = Map.of("SOURCE_DB", db.source().libpqUrl(), "TARGET_DB", db.target().libpqUrl());
            String[][] steps = {
                {"stage", "--until", "2030-01-01T00:00:00", "--filter", "^(metrics\\.(cpu|readings|daily|space)|odd schema\\..*)$"},
                {"stage", "--until", "1000000", "--filter", "^metrics\\.events_"},
                {"copy", "-p", "4"},
                {"verify", "--deep"},
                {"status"},
                {"clean"},
            };
            for (String[] step : steps) {
                out.println();
                out.println("$ timescaledb-backfill " + String.join(" ", step));
                CliContext context = new CliContext(out, new PrintWriter(System.err, true),
                        new Environment(env, java.nio.file.Path.of(System.getProperty("user.home"))), false,
                        (graceful, forced) -> () -> { });
                int exit = Cli.commandLine(context).execute(step);
                out.println("(exit " + exit + ")");
                failures += exit == 0 ? 0 : 1;
            }
            long copied = fixture.hypertables().stream().mapToLong(h ->
                    db.target().queryLong("SELECT count(*) FROM " + h.qualifiedName())).sum();
            out.println();
            out.println("== Target now holds " + copied + " of " + fixture.totalRows() + " rows; "
                    + (failures == 0 && copied == fixture.totalRows() ? "demo succeeded." : "demo FAILED."));
        } finally {
            server.drop(db.source());
            server.drop(db.target());
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
