package org.openvrm.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ServerMethodDefinition;
import org.junit.jupiter.api.Test;
import org.openvrm.protocol.wire.pb.AgentMessage;
import org.openvrm.protocol.wire.pb.AgentProto;

/**
 * What an agent can ask of the manager, by construction: the service has three methods (Renew answers only a
 * certificate for the caller's own host, and its request has no field to name another) and an agent's message on
 * a session has no case that names an action. A command from an agent has no way onto the wire.
 */
class AgentGatewaySurfaceTest {

    @Test
    void theManagerServesRegisterSessionAndRenewOnly() {
        var served = AgentGateway.definition(new AgentGateway.Service() {
            @Override
            public void register(org.openvrm.protocol.wire.pb.RegisterRequest request,
                                 io.grpc.stub.StreamObserver<org.openvrm.protocol.wire.pb.RegisterReply> reply) {
            }

            @Override
            public io.grpc.stub.StreamObserver<AgentMessage> session(
                    io.grpc.stub.StreamObserver<org.openvrm.protocol.wire.pb.ManagerMessage> toAgent) {
                return null;
            }

            @Override
            public void renew(org.openvrm.protocol.wire.pb.RenewRequest request,
                              io.grpc.stub.StreamObserver<org.openvrm.protocol.wire.pb.RenewReply> reply) {
            }
        }).getMethods().stream().map(ServerMethodDefinition::getMethodDescriptor)
                .map(m -> m.getFullMethodName()).toList();
        assertThat(served).containsExactlyInAnyOrder("openvrm.agent.v1.AgentGateway/Register",
                "openvrm.agent.v1.AgentGateway/Session", "openvrm.agent.v1.AgentGateway/Renew");
        var proto = AgentProto.getDescriptor().findServiceByName("AgentGateway").getMethods().stream()
                .map(m -> m.getName()).toList();
        assertThat(proto).as("the .proto says the same").containsExactlyInAnyOrder("Register", "Session",
                "Renew");
        // a renewal names no host: the caller's certificate does
        assertThat(org.openvrm.protocol.wire.pb.RenewRequest.getDescriptor().getFields().stream()
                .map(f -> f.getName()).toList()).containsExactly("public_key");
    }

    @Test
    void anAgentsMessageCarriesNoCommand() {
        var fields = AgentMessage.getDescriptor().getFields().stream().map(f -> f.getName()).toList();
        assertThat(fields).containsExactlyInAnyOrder("hello", "reply", "progress", "event");
        // and a Command message is only ever inside a manager's Request
        var holders = AgentProto.getDescriptor().getMessageTypes().stream()
                .filter(t -> t.getFields().stream().anyMatch(
                        f -> f.getType() == com.google.protobuf.Descriptors.FieldDescriptor.Type.MESSAGE
                                && f.getMessageType().getName().equals("Command")))
                .map(t -> t.getName()).toList();
        assertThat(holders).containsExactly("Request");
    }
}
