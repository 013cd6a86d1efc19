package io.github.tsbackfill.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs against real TimescaleDB: it receives a {@link DatabasePair} of fresh databases (dropped
 * afterwards) from the provider {@link Providers} resolves. It runs once per entry of {@link #versions()}.
 *
 * <pre>{@code
 * @TimescaleTest(requires = Capability.COMPRESSION, versions = TimescaleTest.ALL)
 * void copiesCompressedChunks(DatabasePair db) { ... }
 * }</pre>
 *
 * A test whose needs no provider here can meet is skipped with the reason in its name and the run summary;
 * where the machine has every capability (the local provider with the TSL builds) it fails instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(TimescaleExtension.class)
public @interface TimescaleTest {

    /** Newest version offered that has the required capabilities. */
    String NEWEST = "newest";
    /** Oldest version offered that has the required capabilities. */
    String OLDEST = "oldest";
    /** Every version offered that has the required capabilities, source and target alike. */
    String ALL = "all";

    Capability[] requires() default {};

    /**
     * Versions to run on: {@link #NEWEST}, {@link #OLDEST}, {@link #ALL}, an exact version such as
     * {@code "2.22.1"}, or a mixed pair {@code "SOURCE->TARGET"} of any of these, e.g. {@code "oldest->newest"}.
     */
    String[] versions() default NEWEST;
}
