package org.openvrm.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Encoding of path segments and query strings. */
final class UrlPaths {

    private UrlPaths() {}

    /** One path segment; a user-typed id may hold anything, and must not climb out of its collection. */
    static String segment(String s) {
        return encode(s);
    }

    /**
     * {@code ?a=1&b=x} with the keys sorted, so a request is the same whatever map built it; the empty string
     * when there is nothing. Null values are left out.
     */
    static String query(Map<String, String> params) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        new TreeMap<>(params.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).forEach((k, v) -> {
            if (v != null) {
                q.add(encode(k) + "=" + encode(v));
            }
        });
        return q.toString();
    }

    /** URLEncoder's form encoding, but %20 for a space (not '+') and '*' kept: it is the API's wildcard. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
