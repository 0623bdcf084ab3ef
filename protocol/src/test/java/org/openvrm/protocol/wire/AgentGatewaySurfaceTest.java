package org.openvrm.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ServerMethodDefinition;
import org.junit.jupiter.api.Test;
import org.openvrm.protocol.wire.pb.AgentMessage;
import org.openvrm.protocol.wire.pb.AgentProto;

/**
 * What an agent can ask of the manager, by construction: the service has two methods and an agent's message on a
 * session has no case that names an action. A command from an agent has no way onto the wire.
 */
class AgentGatewaySurfaceTest {

    @Test
    void theManagerServesRegisterAndSessionOnly() {
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
        }).getMethods().stream().map(ServerMethodDefinition::getMethodDescriptor)
                .map(m -> m.getFullMethodName()).toList();
        assertThat(served).containsExactlyInAnyOrder("openvrm.agent.v1.AgentGateway/Register",
                "openvrm.agent.v1.AgentGateway/Session");
        var proto = AgentProto.getDescriptor().findServiceByName("AgentGateway").getMethods().stream()
                .map(m -> m.getName()).toList();
        assertThat(proto).as("the .proto says the same").containsExactlyInAnyOrder("Register", "Session");
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
