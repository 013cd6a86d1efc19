package io.github.tsbackfill.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/** Expands a {@link TimescaleTest} into one invocation per version pair, each with fresh databases. */
public final class TimescaleExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), TimescaleTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        TimescaleTest test = AnnotationSupport.findAnnotation(context.getTestMethod(), TimescaleTest.class)
                .orElseThrow();
        Providers.Resolution resolution = Providers.resolve();
        if (resolution.provider().isEmpty()) {
            return Stream.of(new Unavailable(resolution.whyNone(), false));
        }
        DatabaseProvider provider = resolution.provider().get();
        TimescaleServer source;
        TimescaleServer target;
        try {
            source = provider.server(DatabaseProvider.Role.SOURCE);
            target = provider.server(DatabaseProvider.Role.TARGET);
        } catch (RuntimeException e) {
            return Stream.of(new Unavailable("provider " + provider.name() + " failed to start: " + e.getMessage(), true));
        }
        Set<Capability> required = Set.copyOf(Arrays.asList(test.requires()));
        Set<TestTemplateInvocationContext> invocations = new LinkedHashSet<>();
        for (String spec : test.versions()) {
            invocations.addAll(expand(spec, source, target, required, resolution.strict()));
        }
        return invocations.stream();
    }

    private static List<TestTemplateInvocationContext> expand(String spec, TimescaleServer source,
                                                              TimescaleServer target, Set<Capability> required,
                                                              boolean strict) {
        String[] sides = spec.split("->");
        if (sides.length == 1 && TimescaleTest.ALL.equals(spec.trim()) && source == target) {
            List<String> versions = candidates(source, required);
            if (versions.isEmpty()) {
                return List.of(new Unavailable(lacking(source, required), strict));
            }
            return versions.stream().<TestTemplateInvocationContext>map(v -> new Invocation(source, v, target, v))
                    .toList();
        }
        String sourceToken = sides[0].trim();
        String targetToken = (sides.length > 1 ? sides[1] : sides[0]).trim();
        List<TestTemplateInvocationContext> result = new ArrayList<>();
        String sourceVersion = pick(source, sourceToken, required);
        String targetVersion = pick(target, targetToken, required);
        if (sourceVersion == null || targetVersion == null) {
            TimescaleServer lacking = sourceVersion == null ? source : target;
            String token = sourceVersion == null ? sourceToken : targetToken;
            result.add(new Unavailable("'" + token + "': " + lacking(lacking, required), strict));
        } else {
            result.add(new Invocation(source, sourceVersion, target, targetVersion));
        }
        return result;
    }

    private static String pick(TimescaleServer server, String token, Set<Capability> required) {
        List<String> versions = candidates(server, required);
        if (versions.isEmpty()) {
            return null;
        }
        return switch (token) {
            case TimescaleTest.NEWEST, TimescaleTest.ALL -> versions.get(versions.size() - 1);
            case TimescaleTest.OLDEST -> versions.get(0);
            default -> {
                List<String> meant = versions.stream().filter(v -> Versions.matches(v, token)).toList();
                yield meant.size() == 1 ? meant.get(0) : null;
            }
        };
    }

    private static List<String> candidates(TimescaleServer server, Set<Capability> required) {
        return server.versions().stream().filter(v -> server.capabilities(v).containsAll(required)).toList();
    }

    private static String lacking(TimescaleServer server, Set<Capability> required) {
        return "no TimescaleDB version with " + (required.isEmpty() ? "no extra capability" : required)
                + " on " + server.describe() + " (versions " + server.versions() + ")";
    }

    /** One run of the test on one source/target version pair. */
    private record Invocation(TimescaleServer source, String sourceVersion, TimescaleServer target,
                              String targetVersion) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return sourceVersion.equals(targetVersion)
                    ? "[TimescaleDB " + sourceVersion + "]"
                    : "[TimescaleDB " + sourceVersion + " -> " + targetVersion + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new FreshDatabases(this));
        }
    }

    /** Hands the invocation's {@link DatabasePair} to the test method. */
    private abstract static class PairResolver implements ParameterResolver {

        abstract DatabasePair pair();

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DatabasePair.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return pair();
        }
    }

    /** Creates the pair before the test, drops it after, and hands it to the test method. */
    private static final class FreshDatabases extends PairResolver implements BeforeEachCallback, AfterEachCallback {

        private final Invocation invocation;
        private DatabasePair pair;

        FreshDatabases(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            TestDatabase source = invocation.source().createDatabase(invocation.sourceVersion());
            TestDatabase target = invocation.target().createDatabase(invocation.targetVersion());
            pair = new DatabasePair(source, target);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (pair != null && !Boolean.getBoolean("backfill.test.keep")) {
                invocation.source().drop(pair.source());
                invocation.target().drop(pair.target());
            }
        }

        @Override
        DatabasePair pair() {
            return pair;
        }
    }

    /** A run that cannot happen here: skipped with its reason, or failed where skipping would hide a gap. */
    private record Unavailable(String reason, boolean fail) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[unavailable: " + reason + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((BeforeEachCallback) context -> {
                if (fail) {
                    throw new IllegalStateException(reason);
                }
                throw new TestAbortedException(reason);
            }, new PairResolver() {
                @Override
                DatabasePair pair() {
                    return null;
                }
            });
        }
    }
}
