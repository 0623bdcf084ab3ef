package org.openvrm.protocol.wire;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.openvrm.protocol.wire.pb.AgentMessage;
import org.openvrm.protocol.wire.pb.ManagerMessage;
import org.openvrm.protocol.wire.pb.RegisterReply;
import org.openvrm.protocol.wire.pb.RegisterRequest;
import org.openvrm.protocol.wire.pb.RenewReply;
import org.openvrm.protocol.wire.pb.RenewRequest;

/**
 * The gRPC service {@code openvrm.agent.v1.AgentGateway} of agent.proto: its three methods, as protoc-gen-grpc-java
 * would write them (the registry serves no binary of that generator for this grpc line, and three descriptors are
 * clearer written than generated). The manager serves exactly these three methods and nothing else; none lets an
 * agent name an action for the manager to run. {@code Renew} is the one request an agent starts, and its only
 * answer is a certificate for the caller's own host.
 */
public final class AgentGateway {

    public static final String SERVICE = "openvrm.agent.v1.AgentGateway";

    public static final MethodDescriptor<RegisterRequest, RegisterReply> REGISTER =
            MethodDescriptor.<RegisterRequest, RegisterReply>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Register"))
                    .setRequestMarshaller(ProtoUtils.marshaller(RegisterRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(RegisterReply.getDefaultInstance()))
                    .build();

    public static final MethodDescriptor<AgentMessage, ManagerMessage> SESSION =
            MethodDescriptor.<AgentMessage, ManagerMessage>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Session"))
                    .setRequestMarshaller(ProtoUtils.marshaller(AgentMessage.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(ManagerMessage.getDefaultInstance()))
                    .build();

    public static final MethodDescriptor<RenewRequest, RenewReply> RENEW =
            MethodDescriptor.<RenewRequest, RenewReply>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Renew"))
                    .setRequestMarshaller(ProtoUtils.marshaller(RenewRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(RenewReply.getDefaultInstance()))
                    .build();

    /** What the manager implements. */
    public interface Service {
        void register(RegisterRequest request, StreamObserver<RegisterReply> reply);

        /** Returns the observer of the agent's messages; {@code toAgent} carries the manager's requests. */
        StreamObserver<AgentMessage> session(StreamObserver<ManagerMessage> toAgent);

        /** A certificate for the new public key, for the host of the caller's session certificate only. */
        void renew(RenewRequest request, StreamObserver<RenewReply> reply);
    }

    private AgentGateway() {
    }

    public static ServerServiceDefinition definition(Service service) {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(REGISTER, ServerCalls.asyncUnaryCall(service::register))
                .addMethod(SESSION, ServerCalls.asyncBidiStreamingCall(service::session))
                .addMethod(RENEW, ServerCalls.asyncUnaryCall(service::renew))
                .build();
    }
}
