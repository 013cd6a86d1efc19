package io.github.tsbackfill.testkit;

/**
 * TimescaleDB versions as the testkit names them: the release, and where a provider has several PostgreSQL
 * servers, the server after an {@code @} ({@code 2.13.1@pg15}, {@code 2.29.2@pg17}).
 */
public final class Versions {

    private Versions() {
    }

    /** The TimescaleDB release of a version name: {@code 2.13.1} for {@code 2.13.1@pg15}. */
    public static String release(String version) {
        int at = version.indexOf('@');
        return at < 0 ? version : version.substring(0, at);
    }

    /** Whether a name given in a test ({@code 2.29.2} or {@code 2.29.2@pg17}) means this version. */
    public static boolean matches(String version, String given) {
        return version.equals(given) || (given.indexOf('@') < 0 && release(version).equals(given));
    }

    /** Orders by release numerically (2.9.0 before 2.13.1), then by server. */
    public static int compare(String a, String b) {
        int byRelease = compareReleases(release(a), release(b));
        return byRelease != 0 ? byRelease : a.compareTo(b);
    }

    private static int compareReleases(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareParts(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareParts(String a, String b) {
        if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }
}
