package org.openvrm.driver.libvirt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;

/**
 * The QEMU guest agent's JSON replies -> {@link GuestInfo}. Pure. Loopback is left out: an interface named "lo", or
 * one without a hardware address or with the all-zero one (that is what qemu-ga reports for lo).
 */
final class AgentReplies {

    /** What a guest-get-host-name command asks. */
    static final String HOST_NAME = "{\"execute\":\"guest-get-host-name\"}";
    /** What a guest-network-get-interfaces command asks. */
    static final String INTERFACES = "{\"execute\":\"guest-network-get-interfaces\"}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_MAC = "00:00:00:00:00:00";

    private AgentReplies() {
    }

    /**
     * @param hostNameReply the reply to {@link #HOST_NAME}
     * @param interfacesReply the reply to {@link #INTERFACES}
     * @throws IllegalArgumentException when a reply is not the JSON qemu-ga sends
     */
    static GuestInfo guestInfo(String hostNameReply, String interfacesReply) {
        JsonNode host = read(hostNameReply).path("return").path("host-name");
        Optional<String> hostname = host.isTextual() && !host.asText().isBlank()
                ? Optional.of(host.asText()) : Optional.empty();
        JsonNode list = read(interfacesReply).path("return");
        if (!list.isArray()) {
            throw new IllegalArgumentException("guest-network-get-interfaces: no list in " + interfacesReply);
        }
        List<GuestInterface> interfaces = new ArrayList<>();
        for (JsonNode nic : list) {
            String name = nic.path("name").asText("");
            String mac = nic.path("hardware-address").asText("").toLowerCase(Locale.ROOT);
            if (name.equals("lo") || mac.isEmpty() || mac.equals(NO_MAC)) {
                continue;
            }
            List<String> addresses = new ArrayList<>();
            for (JsonNode ip : nic.path("ip-addresses")) {
                String address = ip.path("ip-address").asText("");
                if (!address.isEmpty() && ip.path("prefix").isInt()) {
                    addresses.add(address + "/" + ip.path("prefix").asInt());
                }
            }
            interfaces.add(new GuestInterface(name, mac, addresses));
        }
        return new GuestInfo(true, hostname, interfaces);
    }

    private static JsonNode read(String reply) {
        try {
            return JSON.readTree(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the guest agent's reply is not JSON: " + reply, e);
        }
    }
}
