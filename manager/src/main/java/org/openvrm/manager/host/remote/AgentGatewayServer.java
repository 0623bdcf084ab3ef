package org.openvrm.manager.host.remote;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.protocol.wire.AgentGateway;
import org.openvrm.protocol.wire.Pem;
import org.openvrm.protocol.wire.pb.RegisterReply;
import org.openvrm.protocol.wire.pb.RegisterRequest;
import org.openvrm.protocol.wire.pb.RenewReply;
import org.openvrm.protocol.wire.pb.RenewRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent port: gRPC over TLS with the manager CA's server certificate. Client certificates are asked for and
 * checked against the manager CA in the handshake; {@code Session} and {@code Renew} additionally require one,
 * mapped to its host and refused when unknown or revoked. Only {@code Register} works without one (it needs a
 * token).
 */
public final class AgentGatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentGatewayServer.class);
    private static final Context.Key<HostRecord> HOST = Context.key("openvrm-agent-host");
    private static final Context.Key<X509Certificate> PEER = Context.key("openvrm-agent-certificate");

    private final AgentEnrollment enrollment;
    private final AgentRenewals renewals;
    private final AgentSessions sessions;
    private final ManagerCa ca;
    private final Duration commandTimeout;
    private final Duration queryTimeout;
    private final Server server;

    public AgentGatewayServer(InetSocketAddress listen, ManagerCa ca, AgentEnrollment enrollment,
                              AgentRenewals renewals, AgentSessions sessions, Duration commandTimeout,
                              Duration queryTimeout) {
        this.ca = ca;
        this.enrollment = enrollment;
        this.renewals = renewals;
        this.sessions = sessions;
        this.commandTimeout = commandTimeout;
        this.queryTimeout = queryTimeout;
        try {
            var credentials = TlsServerCredentials.newBuilder()
                    .keyManager(stream(Pem.certificate(ca.serverCertificate()) + Pem.certificate(ca.certificate())),
                            stream(Pem.privateKey(ca.serverKey())))
                    .trustManager(stream(Pem.certificate(ca.certificate())))
                    .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL)
                    .build();
            var service = AgentGateway.definition(new Service());
            this.server = NettyServerBuilder.forAddress(listen, credentials)
                    .addService(ServerInterceptors.intercept(service, new RequireHostCertificate()))
                    // agents ping every 20 s; half that leaves room for pings a loaded machine delivers late,
                    // which at 10 s drew too_many_pings and dropped sessions with 2,000 agents
                    .permitKeepAliveTime(5, TimeUnit.SECONDS)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the agent port's TLS", e);
        }
    }

    /** Starts listening; returns the port (useful when 0 was asked for). */
    public int start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for agents: " + e.getMessage(), e);
        }
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Session and Renew need a client certificate this manager issued to a host it still has. */
    private final class RequireHostCertificate implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            if (call.getMethodDescriptor().getFullMethodName().equals(AgentGateway.REGISTER.getFullMethodName())) {
                return next.startCall(call, headers);
            }
            try {
                X509Certificate peer = peerCertificate(call);
                HostRecord host = enrollment.authorize(peer);
                return Contexts.interceptCall(Context.current().withValue(HOST, host).withValue(PEER, peer), call,
                        headers, next);
            } catch (AgentRefused e) {
                LOG.warn("agent {} refused from {}: {}", call.getMethodDescriptor().getBareMethodName(),
                        call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), e.getMessage());
                call.close(status(e), new Metadata());
                return new ServerCall.Listener<>() { };
            }
        }

        private X509Certificate peerCertificate(ServerCall<?, ?> call) {
            SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            try {
                Certificate[] chain = tls == null ? null : tls.getPeerCertificates();
                if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x) {
                    return x;
                }
            } catch (SSLPeerUnverifiedException e) {
                // no certificate presented
            }
            throw new AgentRefused(AgentRefused.Kind.UNAUTHENTICATED, "a client certificate issued by this manager "
                    + "is required; register with a bootstrap token first");
        }
    }

    private final class Service implements AgentGateway.Service {
        @Override
        public void register(RegisterRequest request, StreamObserver<RegisterReply> reply) {
            try {
                var r = enrollment.register(request.getToken(), request.getPublicKey().toByteArray(),
                        request.getHostname());
                LOG.info("agent registered: host {} ({})", r.hostName(), r.hostId());
                reply.onNext(RegisterReply.newBuilder().setHostId(r.hostId()).setHostName(r.hostName())
                        .setCertificatePem(Pem.certificate(r.certificate()))
                        .setCaCertificatePem(Pem.certificate(ca.certificate())).build());
                reply.onCompleted();
            } catch (AgentRefused e) {
                LOG.warn("agent registration refused: {}", e.getMessage());
                reply.onError(status(e).asRuntimeException());
            } catch (RuntimeException e) {
                LOG.error("agent registration failed", e);
                reply.onError(Status.INTERNAL.withDescription("registration failed: " + e.getMessage())
                        .asRuntimeException());
            }
        }

        @Override
        public StreamObserver<org.openvrm.protocol.wire.pb.AgentMessage> session(
                StreamObserver<org.openvrm.protocol.wire.pb.ManagerMessage> toAgent) {
            HostRecord host = HOST.get();
            var link = new RemoteAgentLink(host.id(), toAgent, commandTimeout, queryTimeout);
            return new AgentSession(host, link, sessions);
        }

        /** For the host the interceptor found in the caller's certificate: the request names none. */
        @Override
        public void renew(RenewRequest request, StreamObserver<RenewReply> reply) {
            HostRecord host = HOST.get();
            try {
                X509Certificate cert = renewals.renew(host, PEER.get(), request.getPublicKey().toByteArray());
                LOG.info("agent certificate of host {} renewed: serial {}", host.id(),
                        cert.getSerialNumber().toString(16));
                reply.onNext(RenewReply.newBuilder().setCertificatePem(Pem.certificate(cert)).build());
                reply.onCompleted();
            } catch (AgentRefused e) {
                LOG.warn("agent certificate renewal of host {} refused: {}", host.id(), e.getMessage());
                reply.onError(status(e).asRuntimeException());
            } catch (RuntimeException e) {
                LOG.error("agent certificate renewal of host {} failed", host.id(), e);
                reply.onError(Status.INTERNAL.withDescription("renewal failed: " + e.getMessage())
                        .asRuntimeException());
            }
        }
    }

    static Status status(AgentRefused e) {
        Status s = switch (e.kind()) {
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
        };
        return s.withDescription(e.getMessage());
    }
}
