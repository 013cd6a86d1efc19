package io.github.tsbackfill;

import java.time.OffsetDateTime;

/**
 * A TimescaleDB policy job on the target that {@code copy --pause-policies} unscheduled and recorded in
 * {@code __backfill.paused_job}; {@code refresh-caggs}, {@code clean} and {@code control --resume-policies} schedule
 * it again.
 *
 * @param policy the job's procedure, e.g. {@code policy_retention}
 * @param object the hypertable or continuous aggregate it works on, {@code schema.name}
 */
public record PausedPolicy(int jobId, String policy, String object, OffsetDateTime pausedAt) {
}
