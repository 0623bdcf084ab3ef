package org.openvrm.driver.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where a simulated host keeps its domains: nowhere, or one JSON file per domain. */
sealed interface DomainStore extends AutoCloseable permits DomainStore.InMemory, JsonDomainStore {

    static DomainStore open(Optional<Path> stateDir) {
        return stateDir.<DomainStore>map(JsonDomainStore::open).orElseGet(InMemory::new);
    }

    /** Every domain kept, skipping whatever cannot be read. */
    List<DomainRecord> load();

    /** Replaces the kept domain atomically: afterwards either the old or the new record is kept, never a mix. */
    void save(DomainRecord record);

    void delete(String vmId);

    @Override
    void close();

    /** Keeps nothing: the host forgets its domains with its process. */
    record InMemory() implements DomainStore {
        @Override
        public List<DomainRecord> load() {
            return List.of();
        }

        @Override
        public void save(DomainRecord record) {
        }

        @Override
        public void delete(String vmId) {
        }

        @Override
        public void close() {
        }
    }
}
