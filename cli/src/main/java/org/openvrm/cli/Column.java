package org.openvrm.cli;

import java.util.function.Function;

/**
 * One column of a table.
 *
 * @param right right-align, for numbers, so their digits line up
 */
record Column<T>(String header, Function<T, String> value, boolean right) {

    static <T> Column<T> left(String header, Function<T, String> value) {
        return new Column<>(header, value, false);
    }

    static <T> Column<T> right(String header, Function<T, String> value) {
        return new Column<>(header, value, true);
    }
}
