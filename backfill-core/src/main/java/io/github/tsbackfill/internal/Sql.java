package io.github.tsbackfill.internal;

import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** jOOQ entry points; every identifier is quoted by jOOQ, never concatenated by hand. */
final class Sql {

    private static final Settings SETTINGS = new Settings()
            .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
            .withExecuteLogging(false)
            .withRenderSchema(true);
    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES, SETTINGS);

    private Sql() {
    }

    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, SETTINGS);
    }

    /** First column of the first row as {@code type}; null when there is no row. */
    static <T> T value(DSLContext dsl, Class<T> type, String sql, Object... bindings) {
        org.jooq.Record r = dsl.resultQuery(sql, bindings).fetchAny();
        return r == null ? null : r.get(0, type);
    }

    /** {@code "schema"."table"}. */
    static String qualified(String schema, String table) {
        return RENDERER.render(DSL.name(schema, table));
    }

    static Name name(String schema, String table) {
        return DSL.name(schema, table);
    }

    static String render(org.jooq.QueryPart part) {
        return RENDERER.renderInlined(part);
    }
}
