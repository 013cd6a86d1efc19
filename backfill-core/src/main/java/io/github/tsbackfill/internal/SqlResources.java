package io.github.tsbackfill.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads the named {@code .sql} files that sit next to the classes using them. */
final class SqlResources {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlResources() {
    }

    static String load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = SqlResources.class.getResourceAsStream(n)) {
                if (in == null) {
                    throw new IllegalStateException("missing SQL resource " + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The resource with the layout's {@code ${...}} fragments filled in. */
    static String load(String name, CatalogLayout layout) {
        String sql = load(name);
        for (Map.Entry<String, String> f : layout.fragments().entrySet()) {
            sql = sql.replace("${" + f.getKey() + "}", f.getValue());
        }
        return sql;
    }
}
