package org.openvrm.manager.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openvrm.manager.error.ApiException.NotFound;

/**
 * One kind of inventory record kept in memory beside the store, for what is read on every request. The owning
 * service loads it at start-up and puts or removes a record after each write it commits; nobody else writes it.
 */
public final class Inventory<T> {

    private final String kind;
    private final Function<T, String> id;
    private final Map<String, T> byId = new ConcurrentHashMap<>();

    /** @param kind what a 404 calls it, e.g. "datastore" */
    public Inventory(String kind, Function<T, String> id, List<T> loaded) {
        this.kind = kind;
        this.id = id;
        loaded.forEach(this::put);
    }

    public void put(T record) {
        byId.put(id.apply(record), record);
    }

    public void remove(String recordId) {
        byId.remove(recordId);
    }

    public Optional<T> find(String recordId) {
        return Optional.ofNullable(recordId == null ? null : byId.get(recordId));
    }

    /** The record, or a 404 naming {@code field}. */
    public T require(String field, String recordId) {
        return find(recordId).orElseThrow(() -> new NotFound(field, kind, String.valueOf(recordId)));
    }

    /** The id of the only record, when there is exactly one: what a request may leave out. */
    public Optional<String> onlyId() {
        var ids = List.copyOf(byId.keySet());
        return ids.size() == 1 ? Optional.of(ids.getFirst()) : Optional.empty();
    }

    public int count() {
        return byId.size();
    }

    public Collection<T> all() {
        return byId.values();
    }
}
