package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The read side shared by every noun: {@code list} as a table or JSON, {@code get} as field lines or JSON. */
final class Reads {

    private final Session session;

    Reads(Session session) {
        this.session = session;
    }

    /**
     * Prints a list. Its JSON has the API's page shape, {@code {items, total, offset, limit}}, with every item
     * fetched and {@code limit} the number of items printed.
     *
     * @param columns the table's columns, given the id-to-name lookup for referenced resources
     */
    <T> int list(Kind kind, Map<String, String> filters, ListOptions paging, Class<T> type,
                 Function<Names, List<Column<T>>> columns) {
        return list(kind.path(), filters, paging, type, columns);
    }

    /** As {@link #list(Kind, Map, ListOptions, Class, Function)}, for a list under another resource. */
    <T> int list(String path, Map<String, String> filters, ListOptions paging, Class<T> type,
                 Function<Names, List<Column<T>>> columns) {
        paging.check();
        Lister lister = session.lister();
        Lister.Listing listing = lister.list(path, filters, paging.limit, paging.offset);
        if (session.jsonOutput()) {
            ObjectNode page = session.json().mapper().createObjectNode();
            page.putArray("items").addAll(listing.items());
            page.put("total", listing.total());
            page.put("offset", listing.offset());
            page.put("limit", listing.items().size());
            session.printJson(page);
        } else {
            List<T> rows = listing.items().stream().map(n -> session.json().convert(n, type)).toList();
            session.out().print(Table.render(columns.apply(new Names(lister)), rows));
        }
        return ExitCode.OK.code();
    }

    int get(Kind kind, String idOrName) {
        return show(session.resolver().resolve(kind, idOrName));
    }

    int show(JsonNode node) {
        if (session.jsonOutput()) {
            session.printJson(node);
        } else {
            session.out().print(KeyValues.render(node));
        }
        return ExitCode.OK.code();
    }
}
