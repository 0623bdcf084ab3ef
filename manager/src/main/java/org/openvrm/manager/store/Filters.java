package org.openvrm.manager.store;

import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Turns a list's filters into a WHERE clause over known columns. A value with {@code *} is a wildcard match
 * ({@code name=web*}); any other value must match exactly. Values are always bound, never spliced into SQL.
 */
public final class Filters {

    private final Map<String, String> columns;

    /** @param columns filter name -> column, the only filters this list takes */
    public Filters(Map<String, String> columns) {
        this.columns = Map.copyOf(columns);
    }

    public java.util.Set<String> names() {
        return columns.keySet();
    }

    public String where(ListQuery q) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        for (var f : q.filters().entrySet()) {
            String column = columns.get(f.getKey());
            where.add(f.getValue().contains("*") ? column + " LIKE :f_" + f.getKey() + " ESCAPE '\\'"
                    : column + " = :f_" + f.getKey());
        }
        return where.toString();
    }

    public <S extends SqlStatement<S>> S bind(S statement, ListQuery q) {
        for (var f : q.filters().entrySet()) {
            String v = f.getValue();
            if (v.contains("*")) {
                v = v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%');
            }
            statement.bind("f_" + f.getKey(), v);
        }
        return statement;
    }
}
