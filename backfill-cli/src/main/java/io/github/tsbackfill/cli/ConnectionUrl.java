package io.github.tsbackfill.cli;

import io.github.tsbackfill.DatabaseEndpoint;
import io.github.tsbackfill.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection string as users write it: libpq URL ({@code postgres://user:pw@host:port/db?sslmode=require}) or
 * JDBC URL ({@code jdbc:postgresql://host/db?user=u&password=p}). The password may also come from
 * {@code PGPASSWORD} or {@code ~/.pgpass}. {@link #toString()} never shows it.
 */
public record ConnectionUrl(String option, String host, int port, String database, String user, String password,
                            Map<String, String> parameters) {

    /** libpq parameters that pgjdbc names differently or not at all. */
    private static final Map<String, String> RENAMED = Map.of("application_name", "ApplicationName",
            "connect_timeout", "connectTimeout");

    public static ConnectionUrl parse(String option, String text, Environment env) {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigurationException(option, "required (or set " + env.variableFor(option) + ")");
        }
        String s = text.trim();
        boolean jdbc = s.startsWith("jdbc:postgresql:");
        if (jdbc) {
            s = "postgresql:" + s.substring("jdbc:postgresql:".length());
        }
        if (!s.startsWith("postgres://") && !s.startsWith("postgresql://")) {
            throw new InvalidConfigurationException(option, "'" + mask(text)
                    + "' is not a PostgreSQL URL (postgres://user:password@host:5432/database)");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(option, "malformed URL '" + mask(text) + "': " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new InvalidConfigurationException(option, "no host in '" + mask(text) + "'");
        }
        Map<String, String> params = query(uri.getRawQuery());
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] info = uri.getRawUserInfo().split(":", 2);
            user = decode(info[0]);
            password = info.length > 1 ? decode(info[1]) : null;
        }
        user = params.containsKey("user") ? params.remove("user") : user;
        password = params.containsKey("password") ? params.remove("password") : password;
        if (user == null) {
            user = env.get("PGUSER") != null ? env.get("PGUSER") : System.getProperty("user.name");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? user : decode(uri.getPath().substring(1));
        if (password == null) {
            password = env.get("PGPASSWORD");
        }
        if (password == null) {
            password = env.pgpass(uri.getHost(), port, database, user);
        }
        tls(params, env);
        return new ConnectionUrl(option, uri.getHost(), port, database, user, password, params);
    }

    /** libpq's variables for what the URL leaves out. */
    private static final Map<String, String> TLS_VARIABLES = Map.of("sslmode", "PGSSLMODE",
            "sslrootcert", "PGSSLROOTCERT", "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY");

    /**
     * TLS as libpq means it: settings from the URL, else from {@code PGSSLMODE} and friends; and {@code require}
     * verifies the server against a root certificate when one is given or {@code ~/.postgresql/root.crt} exists
     * (pgjdbc's {@code require} would accept any certificate).
     */
    private static void tls(Map<String, String> params, Environment env) {
        TLS_VARIABLES.forEach((parameter, variable) -> {
            if (!params.containsKey(parameter) && env.get(variable) != null) {
                params.put(parameter, env.get(variable));
            }
        });
        if ("require".equals(params.get("sslmode"))
                && (params.containsKey("sslrootcert") || Files.exists(env.home().resolve(".postgresql/root.crt")))) {
            params.put("sslmode", "verify-ca");
        }
    }

    public DatabaseEndpoint endpoint() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
                .append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8));
        List<String> pairs = new ArrayList<>();
        parameters.forEach((k, v) -> pairs.add(RENAMED.getOrDefault(k, k) + "="
                + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        if (!pairs.isEmpty()) {
            url.append('?').append(String.join("&", pairs));
        }
        return DatabaseEndpoint.of(url.toString(), user, password);
    }

    /** {@code postgres://user@host:port/db}: what may appear in output and logs. */
    @Override
    public String toString() {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }

    /**
     * Text with every password in it replaced by {@code ***}: the part between a URL's user name and the last
     * {@code @} of the word (unencoded {@code / @ : ? # %} in a password included), and {@code password=} values.
     */
    public static String mask(String text) {
        return text.replaceAll("(?i)(password=)[^&\\s'\"]*", "$1***")
                .replaceAll("(?i)([a-z][a-z0-9+.-]*://[^\\s:/@]*:)[^\\s]*@", "$1***@");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
