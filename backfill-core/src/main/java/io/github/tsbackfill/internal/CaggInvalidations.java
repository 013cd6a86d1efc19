package io.github.tsbackfill.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Keeps a chunk copy out of the target's continuous-aggregate invalidation tracking (on targets that can force a
 * refresh). Row-by-row tracking of a multi-GB copy costs time, and compressed data copied as is is never tracked at
 * all; instead every backfilled range stays recorded in the task table and {@code refresh-caggs} refreshes exactly
 * those ranges. Everything happens in
 * the copy's transaction, so a rollback restores the trigger too.
 */
final class CaggInvalidations {

    private static final String TRIGGER = "ts_cagg_invalidation_trigger";

    private final DSLContext target;
    private final String triggerDefinition;

    private CaggInvalidations(DSLContext target, String triggerDefinition) {
        this.target = target;
        this.triggerDefinition = triggerDefinition;
    }

    /** Suspends tracking for {@code quotedChunk} until {@link #resume()} or the end of the transaction. */
    static CaggInvalidations suspend(DSLContext target, String quotedChunk) {
        String definition = target.resultQuery(SqlResources.load("cagg-invalidation.sql"), quotedChunk)
                .fetchOne("trigger_definition", String.class);
        if (definition != null) {
            target.execute("DROP TRIGGER {0} ON {1}", DSL.name(TRIGGER), DSL.table(DSL.name(QuotedNames.split(quotedChunk))));
        }
        return new CaggInvalidations(target, definition);
    }

    /** Puts back the chunk's trigger, exactly as the server described it, before the copy commits. */
    void resume() {
        if (triggerDefinition != null) {
            target.execute(triggerDefinition);
        }
    }
}
