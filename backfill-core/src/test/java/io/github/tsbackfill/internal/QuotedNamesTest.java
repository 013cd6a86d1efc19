package io.github.tsbackfill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedNamesTest {

    @Test
    void splitsQuotedAndPlainParts() {
        assertThat(QuotedNames.split("_timescaledb_internal._hyper_1_1_chunk"))
                .containsExactly("_timescaledb_internal", "_hyper_1_1_chunk");
        assertThat(QuotedNames.split("\"Odd Schema\".\"Tëst \"\"Table\"\"\""))
                .containsExactly("Odd Schema", "Tëst \"Table\"");
        assertThat(QuotedNames.split("\"a.b\".c")).containsExactly("a.b", "c");
    }

    @Test
    void roundTripsWhatJooqRenders() {
        String rendered = Sql.qualified("We\"ird.Schema", "tab le");
        assertThat(QuotedNames.split(rendered)).containsExactly("We\"ird.Schema", "tab le");
    }
}
