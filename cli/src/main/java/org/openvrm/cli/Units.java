package org.openvrm.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Sizes as people type them and as tables show them. Binary units throughout (1G = 1024 MB), matching the
 * API's megabytes; a size must come out as whole MB, since that is what the API stores.
 */
final class Units {

    private Units() {}

    /**
     * {@code 20G}, {@code 512M}, {@code 1.5T}, {@code 20GB}, {@code 20GiB} to megabytes. A bare number is refused:
     * whether "20" means MB or GB is exactly the mistake that makes a 20 MB disk.
     */
    static long parseSizeMb(String what, String text) {
        String s = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        String number = s.replaceFirst("(?:([KMGT])(?:I?B)?)$", "");
        String unit = s.substring(number.length());
        if (number.equals(s) || unit.isEmpty()) {
            throw new CliException.Usage(what + " '" + text + "' needs a unit: M, G or T (e.g. 20G or 512M)");
        }
        BigDecimal value = decimal(what, text, number);
        BigDecimal perMb = switch (unit.charAt(0)) {
            case 'K' -> BigDecimal.ONE.divide(BigDecimal.valueOf(1024));
            case 'M' -> BigDecimal.ONE;
            case 'G' -> BigDecimal.valueOf(1024);
            default -> BigDecimal.valueOf(1024L * 1024);
        };
        return wholeMb(what, text, value.multiply(perMb));
    }

    /** {@code --memory-gb 1.5} to 1536 MB. */
    static long gbToMb(String what, String text) {
        return wholeMb(what, text, decimal(what, text, text == null ? "" : text.strip()).multiply(
                BigDecimal.valueOf(1024)));
    }

    /** Exactly one of the two memory options, as MB; null when neither is given. */
    static Long memoryMb(String mbOption, Long mb, String gbOption, String gb) {
        if (mb != null && gb != null) {
            throw new CliException.Usage("give " + mbOption + " or " + gbOption + ", not both");
        }
        if (mb != null && mb <= 0) {
            throw new CliException.Usage(mbOption + " must be positive, got " + mb);
        }
        // boxed on purpose: a mixed long/Long conditional would unbox a null mb
        return gb != null ? Long.valueOf(gbToMb(gbOption, gb)) : mb;
    }

    /** 1536 MB as "1.5", 20480 as "20": gigabytes with at most one decimal. */
    static String gb(long mb) {
        BigDecimal g = BigDecimal.valueOf(mb).divide(BigDecimal.valueOf(1024), 1, RoundingMode.HALF_UP);
        return g.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(String what, String text, String number) {
        try {
            BigDecimal v = new BigDecimal(number);
            if (v.signum() > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException.Usage(what + " '" + text + "' is not a positive size");
    }

    private static long wholeMb(String what, String text, BigDecimal mb) {
        try {
            return mb.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new CliException.Usage(what + " '" + text + "' is not a whole number of megabytes");
        }
    }
}
