package org.openvrm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.driver.ContractFixture.assertReason;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DriverException.Reason;

/** The read-only views into a guest: VNC endpoint, serial console, guest agent facts. Part of the contract. */
public interface GuestViewContract extends ContractFixture {

    Pattern CIDR = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*/\\d{1,3})");

    @Test
    default void vncIsThereWhileTheEmulatorRunsOrIsPaused() {
        DomainSpec spec = defineNew("vnc");
        String vmId = spec.vmId();
        assertThat(driver().vnc(vmId)).isEmpty();
        driver().start(vmId, ProgressSink.NONE);
        VncEndpoint running = driver().vnc(vmId).orElseThrow(() -> new AssertionError("no VNC while running"));
        assertThat(running.host()).isNotBlank();
        assertThat(running.port()).isBetween(5900, 65_535);
        driver().suspend(vmId, ProgressSink.NONE);
        assertThat(driver().vnc(vmId)).contains(running);
        driver().destroy(vmId, ProgressSink.NONE);
        assertThat(driver().vnc(vmId)).isEmpty();
        assertReason(Reason.NOT_FOUND, () -> driver().vnc(newVmId("vnc-nobody")));
    }

    @Test
    default void consoleOutputIsEmptyBeforeTheFirstStartAndNeedsAPositiveLimit() {
        DomainSpec spec = defineNew("console-new");
        assertThat(driver().consoleOutput(spec.vmId(), 4096)).isEmpty();
        assertThatThrownBy(() -> driver().consoleOutput(spec.vmId(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> driver().consoleOutput(spec.vmId(), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertReason(Reason.NOT_FOUND, () -> driver().consoleOutput(newVmId("console-nobody"), 4096));
    }

    @Test
    default void consoleOutputShowsWhatTheGuestWroteAndKeepsToTheLimit() {
        DomainSpec spec = startNew("console");
        String vmId = spec.vmId();
        String text = ContractFixture.eventually(guestWait(), "console text of " + vmId, () -> {
            String seen = driver().consoleOutput(vmId, 1 << 20);
            return seen.isBlank() ? null : seen;
        });
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1 << 20);
        String tail = driver().consoleOutput(vmId, 16);
        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isBetween(1, 16);
        // the guest may have written more in between, but what it wrote is kept
        assertThat(driver().consoleOutput(vmId, 1 << 20)).startsWith(text.substring(0, text.length() / 2))
                .contains(tail);
    }

    @Test
    default void noGuestInfoWithoutARunningGuest() {
        DomainSpec spec = defineNew("guestinfo-stopped");
        assertThat(driver().guestInfo(spec.vmId())).isEqualTo(GuestInfo.NONE);
        assertReason(Reason.NOT_FOUND, () -> driver().guestInfo(newVmId("guestinfo-nobody")));
    }

    @Test
    default void theGuestAgentNamesTheHostAndTheNicsOfARunningGuest() {
        DomainSpec spec = startNew("guestinfo");
        String vmId = spec.vmId();
        String mac = spec.nics().getFirst().mac();
        GuestInfo info = ContractFixture.eventually(guestWait(), "the agent of " + vmId + " reporting " + mac, () -> {
            GuestInfo seen = driver().guestInfo(vmId);
            boolean nicSeen = seen.interfaces().stream().anyMatch(i -> i.mac().equalsIgnoreCase(mac)
                    && !i.addresses().isEmpty());
            return seen.agentResponding() && nicSeen ? seen : null;
        });
        assertThat(info.hostname()).hasValueSatisfying(h -> assertThat(h).isNotBlank());
        for (GuestInterface nic : info.interfaces()) {
            assertThat(nic.name()).isNotBlank().isNotEqualTo("lo");
            assertThat(nic.addresses()).allSatisfy(a -> {
                assertThat(a).matches(CIDR);
                assertThat(a).doesNotStartWith("127.").isNotEqualTo("::1/128");
            });
        }
        driver().destroy(vmId, ProgressSink.NONE);
        assertThat(driver().guestInfo(vmId)).isEqualTo(GuestInfo.NONE);
        assertThat(driver().guestInfo(vmId).hostname()).isEqualTo(Optional.empty());
    }
}
