package org.openvrm.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Where the manager is: {@code --url}, else env {@code VRM_URL}, else the local default. */
final class Endpoint {

    private Endpoint() {}

    /**
     * The API base without a trailing slash. A bare {@code http://host:port} gets {@code /api/v1} added, since
     * that is what people copy from the manager's startup line.
     */
    static String base(String option, Map<String, String> env) {
        String raw = option != null ? option : env.getOrDefault("VRM_URL", GlobalOptions.DEFAULT_URL);
        String url = raw.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CliException.Usage("the manager URL '" + raw + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new CliException.Usage("the manager URL '" + raw + "' must look like http://HOST:PORT/api/v1");
        }
        return uri.getPath() == null || uri.getPath().isEmpty() ? url + "/api/v1" : url;
    }
}
