package org.openvrm.agent.remote;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openvrm.protocol.wire.Pem;

/**
 * The two kinds of connection an agent makes to its manager: first contact (server-authenticated TLS, the CA
 * pinned by the token's hash, no client certificate) and sessions (mutual TLS with the agent's own certificate,
 * trusting only the manager CA it stored at registration).
 */
final class ManagerChannels {

    /** The name in the manager's agent-port certificate; agents dial an address, and check this name. */
    static final String SERVER_NAME = "openvrm-manager";

    private ManagerChannels() {
    }

    static ManagedChannel firstContact(String target, String caSha256, AgentRuntime runtime) {
        ChannelCredentials creds = TlsChannelCredentials.newBuilder().trustManager(new PinnedCaTrust(caSha256)).build();
        return build(target, creds, runtime);
    }

    static ManagedChannel session(String target, AgentIdentity id, AgentRuntime runtime) {
        try {
            ChannelCredentials creds = TlsChannelCredentials.newBuilder()
                    .keyManager(stream(Pem.certificate(id.certificate())), stream(Pem.privateKey(id.key())))
                    .trustManager(stream(Pem.certificate(id.ca())))
                    .build();
            return build(target, creds, runtime);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the agent identity for TLS", e);
        }
    }

    /** Each channel is its own TCP connection and TLS session, on the process's shared event loops. */
    private static ManagedChannel build(String target, ChannelCredentials creds, AgentRuntime runtime) {
        return NettyChannelBuilder.forTarget(target, creds)
                .eventLoopGroup(runtime.eventLoops())
                .channelType(NioSocketChannel.class)
                .executor(runtime.callbacks())
                .overrideAuthority(SERVER_NAME)
                .keepAliveTime(20, TimeUnit.SECONDS) // a manager that vanished without a word is noticed
                // 20 s, not less: a busy manager (thousands of sessions on two cores) may take a while to answer
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .build();
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
