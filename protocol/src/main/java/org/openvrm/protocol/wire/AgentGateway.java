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

/**
 * The gRPC service {@code openvrm.agent.v1.AgentGateway} of agent.proto: its two methods, as protoc-gen-grpc-java
 * would write them (the registry serves no binary of that generator for this grpc line, and two descriptors are
 * clearer written than generated). The manager serves exactly these two methods and nothing else; neither lets
 * an agent name an action for the manager to run.
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

    /** What the manager implements. */
    public interface Service {
        void register(RegisterRequest request, StreamObserver<RegisterReply> reply);

        /** Returns the observer of the agent's messages; {@code toAgent} carries the manager's requests. */
        StreamObserver<AgentMessage> session(StreamObserver<ManagerMessage> toAgent);
    }

    private AgentGateway() {
    }

    public static ServerServiceDefinition definition(Service service) {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(REGISTER, ServerCalls.asyncUnaryCall(service::register))
                .addMethod(SESSION, ServerCalls.asyncBidiStreamingCall(service::session))
                .build();
    }
}
