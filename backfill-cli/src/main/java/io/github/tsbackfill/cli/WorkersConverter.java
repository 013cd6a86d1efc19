package io.github.tsbackfill.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** copy's {@code -p}: a number of workers, or {@code auto} (as {@link #AUTO}). */
final class WorkersConverter implements ITypeConverter<Integer> {

    static final int AUTO = -1;

    @Override
    public Integer convert(String value) {
        if (value.trim().toLowerCase(Locale.ROOT).equals("auto")) {
            return AUTO;
        }
        int workers;
        try {
            workers = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is neither a number of workers nor auto");
        }
        if (workers < 1) {
            throw new TypeConversionException("must be at least 1 (or auto), was " + workers);
        }
        return workers;
    }
}
