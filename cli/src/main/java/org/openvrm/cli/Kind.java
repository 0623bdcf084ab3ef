package org.openvrm.cli;

import java.util.regex.Pattern;

/** The kinds of resource the API serves, with their path and the prefix of their ids. */
enum Kind {
    CLUSTER("clusters", "cluster", "cluster"),
    HOST("hosts", "host", "host"),
    DATASTORE("datastores", "datastore", "ds"),
    PORTGROUP("portgroups", "port group", "pg"),
    TEMPLATE("templates", "template", "tpl"),
    VM("vms", "VM", "vm"),
    TASK("tasks", "task", "task"),
    EVENT("events", "event", "event"),
    ALARM("alarms", "alarm", "alarm");

    private final String path;
    private final String noun;
    private final Pattern idShape;

    Kind(String path, String noun, String idPrefix) {
        this.path = path;
        this.noun = noun;
        this.idShape = Pattern.compile(Pattern.quote(idPrefix) + "-[0-9a-f]{8,}");
    }

    /** The collection path, e.g. {@code /vms}. */
    String path() {
        return "/" + path;
    }

    String path(String id) {
        return path() + "/" + UrlPaths.segment(id);
    }

    String noun() {
        return noun;
    }

    /**
     * Whether {@code s} is shaped like one of this kind's ids. Only decides which lookup to try first: resolution
     * falls back to the other, so a manager that changes its id format still works, one request slower.
     */
    boolean looksLikeId(String s) {
        return idShape.matcher(s).matches();
    }
}
