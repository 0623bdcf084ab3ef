package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The two lookups name-or-id resolution needs; an interface so resolution is tested without a server. */
interface Directory {

    /** The resource with this id, or empty when there is none. */
    Optional<JsonNode> byId(Kind kind, String id);

    /** The resources whose name is exactly {@code name}. */
    List<JsonNode> byName(Kind kind, String name);
}
