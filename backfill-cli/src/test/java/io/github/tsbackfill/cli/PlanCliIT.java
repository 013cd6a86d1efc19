package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.testkit.DatabasePair;
import io.github.tsbackfill.testkit.Fixtures;
import io.github.tsbackfill.testkit.TimescaleTest;
import java.util.List;
import java.util.Map;

/** stage --dry-run and the time left in status, through the real CLI. */
class PlanCliIT {

    @TimescaleTest
    void dryRunWritesNothingAndStatusShowsTheTimeLeft(DatabasePair db) {
        Fixtures.install(db, false);
        db.source().execute("ANALYZE");
        String[] stage = {"stage", "--until", "2024-01-03T12:00:00Z", "--filter", "^metrics\\.(cpu|readings)$"};

        CliRunner.Run dry = CliRunner.run(db, append(stage, "--dry-run"));
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run, nothing written to the target. Would stage").contains("rows (est.)");
        Map<String, Object> json = JsonDocument.object(CliRunner.run(db, append(stage, "--dry-run", "--output", "json")).out());
        assertThat(json.get("dryRun")).isEqualTo(true);
        assertThat((List<?>) json.get("hypertables")).allSatisfy(h ->
                assertThat((Long) ((Map<?, ?>) h).get("estimatedRows")).isPositive());
        assertThat(db.target().queryValue("SELECT to_regnamespace('__backfill')")).isNull();

        assertThat(CliRunner.run(db, stage).out()).startsWith("hypertable").contains("Staged ");
        assertThat(CliRunner.run(db, "copy", "-p", "2").exit()).isZero();
        assertThat(CliRunner.run(db, "stage", "--until", "2030-01-01", "--filter", "^metrics\\.readings$").exit()).isZero();
        CliRunner.Run status = CliRunner.run(db, "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).containsPattern("\\d+ of \\d+ chunk\\(s\\) copied, .+ \\(est\\.\\) left, .+ left at .+/s\\.");
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
