package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The verbs that act on existing VMs, each with its request: {@code POST /vms/{id}/{verb}}, or DELETE. */
enum PowerAction {
    START("start", "Power VMs on."),
    SHUTDOWN("shutdown", "Ask the guests to shut down cleanly."),
    STOP("stop", "Power VMs off at once, like pulling the plug."),
    REBOOT("reboot", "Restart the guests."),
    SUSPEND("suspend", "Pause VMs, keeping their memory."),
    RESUME("resume", "Continue suspended VMs."),
    HIBERNATE("hibernate", "Save the guests' memory to disk and stop them; 'start' resumes them where they were."),
    DELETE("delete", "Delete VMs and their disks.");

    private final String verb;
    private final String description;

    PowerAction(String verb, String description) {
        this.verb = verb;
        this.description = description;
    }

    String verb() {
        return verb;
    }

    String description() {
        return description;
    }

    JsonNode send(ApiClient api, String vmId) {
        return this == DELETE ? api.delete(Kind.VM.path(vmId)) : api.post(Kind.VM.path(vmId) + "/" + verb, null);
    }
}
