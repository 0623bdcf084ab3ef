package org.openvrm.manager.store;

import org.jdbi.v3.core.Handle;
import org.openvrm.manager.error.ApiException.Conflict;

/** Names are unique per kind of resource, so the CLI can address anything by name. */
public final class Names {

    private Names() {}

    public static void requireFree(Handle h, String table, String kind, String name) {
        boolean taken = h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE name = :name")
                .bind("name", name).mapTo(Integer.class).one() > 0;
        if (taken) {
            throw new Conflict("NAME_TAKEN", "name", "a " + kind + " named '" + name + "' already exists");
        }
    }
}
