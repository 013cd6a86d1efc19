package io.github.tsbackfill.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A rate in bytes per second: {@code 50MB/s}, {@code 1.5GB}, {@code 800KiB/s}, {@code 1000000}; k, M, G, T are
 * powers of 1000 (as the tool prints sizes), Ki, Mi, Gi, Ti of 1024; {@code 0} is no limit.
 */
final class RateConverter implements ITypeConverter<Long> {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kmgt])(i?))?b?(?:/s)?");

    @Override
    public Long convert(String value) {
        Matcher m = RATE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a rate such as 50MB/s, 800KiB/s or 0 (no limit)");
        }
        double base = m.group(3) == null || m.group(3).isEmpty() ? 1000 : 1024;
        int power = m.group(2) == null ? 0 : "kmgt".indexOf(m.group(2)) + 1;
        return Math.round(Double.parseDouble(m.group(1)) * Math.pow(base, power));
    }
}
