package io.github.tsbackfill.internal;

import io.github.tsbackfill.BackfillException;
import io.github.tsbackfill.PausedPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's policy jobs paused for the backfill. Each job is unscheduled in the transaction that records it in
 * {@code __backfill.paused_job}, so a process killed at any moment leaves either both or neither; only jobs that
 * were scheduled are recorded, so resuming puts back exactly those, and a job the user had unscheduled stays so.
 */
final class PausedPolicies {

    private static final Logger log = LoggerFactory.getLogger(PausedPolicies.class);
    private static final String PAUSED = "SELECT job_id, proc_name, object, paused_at FROM __backfill.paused_job ORDER BY job_id";

    private final Connection target;
    private final DSLContext dsl;

    PausedPolicies(Connection target) {
        this.target = target;
        this.dsl = Sql.dsl(target);
    }

    /** Pauses the policies of the staged hypertables and the caggs over them; returns every job paused now. */
    List<PausedPolicy> pause() throws SQLException {
        return inTransaction(() -> {
            Integer[] tree = dsl.resultQuery(SqlResources.load("staged-hypertable-tree.sql")).fetch(0, Integer.class)
                    .toArray(Integer[]::new);
            for (Record job : scheduledJobs(dsl, tree, null)) {
                // A job of ours the user scheduled again by hand is paused again, and keeps its first record.
                dsl.execute("INSERT INTO __backfill.paused_job (job_id, proc_name, object) VALUES ({0}, {1}, {2}) "
                        + "ON CONFLICT DO NOTHING", job.get("job_id"), job.get("proc_name"), job.get("object"));
                alterJob(job.get("job_id", Integer.class), false, job.get("proc_name") + " on " + job.get("object"));
                log.info("paused job {} ({} on {})", job.get("job_id"), job.get("proc_name"), job.get("object"));
            }
            return paused();
        });
    }

    /**
     * The scheduled policy jobs (job_id, proc_name, object) on the given hypertables, of the given procedures (null:
     * all).
     */
    static List<Record> scheduledJobs(DSLContext dsl, Integer[] hypertableIds, String[] procs) {
        return dsl.resultQuery(SqlResources.load("policy-jobs.sql"), hypertableIds, procs, procs).fetch();
    }

    /** Schedules the recorded jobs again and forgets them; returns those that still existed (and so resumed). */
    List<PausedPolicy> resume() throws SQLException {
        if (!recorded()) {
            return List.of();
        }
        return inTransaction(() -> {
            List<PausedPolicy> resumed = new ArrayList<>();
            for (PausedPolicy job : paused()) {
                if (dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("_timescaledb_config", "bgw_job")))
                        .where(DSL.field(DSL.name("id")).eq(job.jobId())))) {
                    alterJob(job.jobId(), true, job.policy() + " on " + job.object());
                    log.info("resumed job {} ({} on {})", job.jobId(), job.policy(), job.object());
                    resumed.add(job);
                } else {
                    log.info("job {} ({} on {}) was removed while paused", job.jobId(), job.policy(), job.object());
                }
            }
            dsl.execute("DELETE FROM __backfill.paused_job");
            return resumed;
        });
    }

    /** The jobs paused now, as recorded. */
    List<PausedPolicy> paused() {
        if (!recorded()) {
            return List.of();
        }
        return dsl.resultQuery(PAUSED).fetch(r -> new PausedPolicy(r.get("job_id", Integer.class),
                r.get("proc_name", String.class), r.get("object", String.class), r.get("paused_at", OffsetDateTime.class)));
    }

    /** Whether the target has the record at all: a queue staged by an earlier version, not since used, has not. */
    private boolean recorded() {
        return dsl.fetchValue("SELECT to_regclass('__backfill.paused_job')") != null;
    }

    private void alterJob(int job, boolean scheduled, String what) {
        try {
            dsl.execute("SELECT alter_job({0}, scheduled => {1})", DSL.val(job), DSL.val(scheduled));
        } catch (DataAccessException e) {
            throw new BackfillException(BackfillException.Kind.PRECONDITION, "cannot " + (scheduled ? "resume" : "pause")
                    + " job " + job + " (" + what + ") on the target: " + Errors.describe(e)
                    + (scheduled ? "" : ". Pause it as its owner or a superuser, or run copy without --pause-policies"), e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            T result = work.run();
            target.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }
}
