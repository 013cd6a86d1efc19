package io.github.tsbackfill.cli;

import io.github.tsbackfill.Recopy;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --recopy mismatched|failed|all}, in lower case as users type it. */
final class RecopyConverter implements ITypeConverter<Recopy> {

    @Override
    public Recopy convert(String value) {
        try {
            Recopy which = Recopy.valueOf(value.trim().toUpperCase(Locale.ROOT));
            if (which != Recopy.NONE) {
                return which;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new TypeConversionException("'" + value + "' is not one of mismatched, failed, all");
    }
}
