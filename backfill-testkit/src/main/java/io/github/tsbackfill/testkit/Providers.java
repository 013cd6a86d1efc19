package io.github.tsbackfill.testkit;

import io.github.tsbackfill.testkit.local.LocalDebianProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks, once per JVM, where real databases come from: (1) URLs in environment variables, (2) Testcontainers
 * when a Docker engine answers, (3) a locally provisioned Debian root (Linux, root). The system property
 * {@code backfill.test.provider} ({@code env}, {@code docker}, {@code local-debian}) forces one.
 */
public final class Providers {

    public static final String PROVIDER_PROPERTY = "backfill.test.provider";
    private static final Logger log = LoggerFactory.getLogger(Providers.class);

    private static Resolution resolution;

    private Providers() {
    }

    /** The provider in use, or the reasons why none can serve on this machine. */
    public static synchronized Resolution resolve() {
        if (resolution == null) {
            resolution = resolve(List.of(new EnvUrlProvider(), new ContainerProvider(), new LocalDebianProvider()));
        }
        return resolution;
    }

    static Resolution resolve(List<DatabaseProvider> candidates) {
        String forced = System.getProperty(PROVIDER_PROPERTY);
        List<String> reasons = new ArrayList<>();
        for (DatabaseProvider candidate : candidates) {
            if (forced != null && !forced.isBlank() && !forced.equals(candidate.name())) {
                continue;
            }
            Optional<String> reason = candidate.unavailableReason();
            if (reason.isEmpty()) {
                log.info("real TimescaleDB from provider '{}'", candidate.name());
                return new Resolution(Optional.of(candidate), List.copyOf(reasons));
            }
            reasons.add(candidate.name() + ": " + reason.get());
        }
        if (forced != null && !forced.isBlank() && reasons.isEmpty()) {
            reasons.add("unknown provider '" + forced + "' in -D" + PROVIDER_PROPERTY);
        }
        return new Resolution(Optional.empty(), List.copyOf(reasons));
    }

    /** Outcome of provider resolution. */
    public record Resolution(Optional<DatabaseProvider> provider, List<String> rejected) {

        public String whyNone() {
            return "no real TimescaleDB on this machine: " + String.join("; ", rejected);
        }

        /**
         * Strict: the machine has what every test needs (local provider with the TSL builds), so a skipped test
         * would hide a defect; tests fail instead of skipping.
         */
        public boolean strict() {
            return provider.filter(p -> p instanceof LocalDebianProvider local
                    && local.root().tslDirectory().isPresent()).isPresent();
        }
    }
}
