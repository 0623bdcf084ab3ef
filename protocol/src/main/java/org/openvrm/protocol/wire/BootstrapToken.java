package org.openvrm.protocol.wire;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A one-time bootstrap token as the operator passes it to {@code vrm agent --token}:
 * {@code vrm1.<id>.<secret>.<sha256 of the manager CA certificate>}. The id finds the token, the secret proves it
 * (the manager keeps only its hash), and the CA hash lets the agent refuse any manager but the one that made the
 * token, before it sends the secret (as kubeadm's discovery hash does).
 */
public record BootstrapToken(String id, String secret, String caSha256) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]{8,40}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32,86}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "vrm1";

    public BootstrapToken {
        requireNonNull(id, "id is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(caSha256, "caSha256 is null");
        if (!ID.matcher(id).matches() || !SECRET.matcher(secret).matches() || !HASH.matcher(caSha256).matches()) {
            throw new IllegalArgumentException("malformed bootstrap token");
        }
    }

    /** @throws IllegalArgumentException naming what is wrong, never echoing the text (it may be a real secret) */
    public static BootstrapToken parse(String text) {
        requireNonNull(text, "token is null");
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("malformed bootstrap token: expected vrm1.<id>.<secret>.<ca-sha256>");
        }
        return new BootstrapToken(parts[1], parts[2], parts[3]);
    }

    public String text() {
        return PREFIX + "." + id + "." + secret + "." + caSha256;
    }

    /** Leaves the secret out: tokens are never logged. */
    @Override
    public String toString() {
        return "BootstrapToken[id=" + id + ", caSha256=" + caSha256 + "]";
    }
}
