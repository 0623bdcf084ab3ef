package org.openvrm.cli;

import java.util.Locale;

/**
 * A shares option: {@code low}, {@code normal} or {@code high} (the seed's presets), or a number, which the API
 * calls a CUSTOM level.
 *
 * @param level LOW, NORMAL, HIGH or CUSTOM, as the API spells it
 * @param shares the number for CUSTOM, else null (the API derives it from the level)
 */
record Shares(String level, Long shares) {

    static Shares parse(String option, String text) {
        String s = text == null ? "" : text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "low", "normal", "high" -> {
                return new Shares(s.toUpperCase(Locale.ROOT), null);
            }
            default -> {
                try {
                    long n = Long.parseLong(s);
                    if (n > 0) {
                        return new Shares("CUSTOM", n);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new CliException.Usage(option + " must be low, normal, high or a positive number, got '"
                        + text + "'");
            }
        }
    }
}
