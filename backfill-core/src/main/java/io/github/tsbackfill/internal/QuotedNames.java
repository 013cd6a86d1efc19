package io.github.tsbackfill.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits a qualified name as PostgreSQL prints it ({@code a."B c"}) into its unquoted parts. */
final class QuotedNames {

    private QuotedNames() {
    }

    static String[] split(String qualified) {
        List<String> parts = new ArrayList<>(2);
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char c = qualified.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '.') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts.toArray(String[]::new);
    }
}
