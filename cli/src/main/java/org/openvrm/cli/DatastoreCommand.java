package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.Datastore;
import org.openvrm.api.DatastoreCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "datastore", description = "Datastores: where VM disks live.")
final class DatastoreCommand extends NounCommand {

    DatastoreCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List datastores with space provisioned and capacity.")
    int list(@Mixin ListOptions paging,
             @Option(names = "--name", paramLabel = "PATTERN", description = "'*' is a wildcard.") String name,
             @Option(names = "--type", paramLabel = "TYPE", description = "e.g. dir.") String type) {
        return reads().list(Kind.DATASTORE, Filters.of("name", name, "type", type), paging, Datastore.class,
                n -> Views.datastores());
    }

    @Command(name = "get", description = "Show one datastore.")
    int get(@Parameters(paramLabel = "DATASTORE", description = "Name or id.") String datastore) {
        return reads().get(Kind.DATASTORE, datastore);
    }

    @Command(name = "create", description = "Create a datastore.")
    int create(@Option(names = "--name", paramLabel = "NAME", required = true, description = "Unique among its kind.")
               String name,
               @Option(names = "--path", paramLabel = "PATH", required = true,
                       description = "An absolute directory on the hosts.")
               String path,
               @Option(names = "--capacity", required = true, paramLabel = "SIZE",
                       description = "The space it offers, e.g. 500G or 2T.") String capacity,
               @Option(names = "--type", paramLabel = "TYPE", defaultValue = "dir", description = "dir (the default).")
               String type,
               @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description,
               @Mixin WaitOption wait) {
        long capacityMb = Units.parseSizeMb("--capacity", capacity);
        return create(name, Kind.DATASTORE.path(), new DatastoreCreate(name, type, path, capacityMb, description),
                wait);
    }

    @Command(name = "delete", description = "Delete datastores that hold no disks.")
    int delete(@Parameters(arity = "1..*", paramLabel = "DATASTORE", description = "Names or ids.")
               List<String> datastores,
               @Mixin WaitOption wait) {
        return delete(Kind.DATASTORE, datastores, wait);
    }
}
