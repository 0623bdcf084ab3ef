package org.openvrm.driver.libvirt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvrm.driver.Bandwidth;

/**
 * Pure: reads what {@code tc} shows back into our terms. Qdiscs come as JSON ({@code tc -j qdisc show}); htb
 * classes only as text, because iproute2 6.1 prints no JSON for them.
 *
 * <p>tc prints rates exactly while they are below 1 Gbit/s (ours are whole kB/s, i.e. multiples of 8 kbit) and a
 * burst as bytes recomputed from a tick count, so a burst is rounded to the nearest KiB. The result is in normal
 * form: a ceil equal to the rate reads as peak 0, a burst equal to {@link TcPlan#defaultBurstKb} as burst 0, which
 * is what an apply of 0 there made (and means the same as an explicit value equal to them).
 */
final class TcState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS_1_1 = Pattern.compile("^class htb 1:1 .*$", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("\\brate (\\d+)([KMGT]?)bit\\b");
    private static final Pattern CEIL = Pattern.compile("\\bceil (\\d+)([KMGT]?)bit\\b");
    private static final Pattern BURST = Pattern.compile("\\bburst (\\d+)(b|Kb|Mb)\\b");

    private TcState() {
    }

    /** The output of {@code tc -j qdisc show dev X} of an existing device. */
    static TcPlan.Qdiscs qdiscs(String json) {
        JsonNode list;
        try {
            list = JSON.readTree(json.isBlank() ? "[]" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tc -j qdisc show printed no JSON: " + json, e);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("tc -j qdisc show printed no list: " + json);
        }
        boolean rootHtb = false;
        boolean ingress = false;
        for (JsonNode q : list) {
            String kind = q.path("kind").asText();
            if (kind.equals("htb") && q.path("root").asBoolean(false) && q.path("handle").asText().equals("1:")) {
                rootHtb = true;
            }
            if (kind.equals("ingress")) {
                ingress = true;
            }
        }
        return new TcPlan.Qdiscs(true, rootHtb, ingress);
    }

    /** Class 1:1 of {@code tc class show dev X} as a bandwidth; NONE when there is no such htb class. */
    static Bandwidth htbClass(String text) {
        Matcher line = CLASS_1_1.matcher(text);
        if (!line.find()) {
            return Bandwidth.NONE;
        }
        String c = line.group();
        long rate = kBps(RATE, c);
        long ceil = kBps(CEIL, c);
        Matcher burst = BURST.matcher(c);
        if (!burst.find()) {
            throw new IllegalArgumentException("no burst in tc's class line: " + c);
        }
        long bytes = Long.parseLong(burst.group(1)) * switch (burst.group(2)) {
            case "Kb" -> 1024L;
            case "Mb" -> 1024L * 1024;
            default -> 1L;
        };
        long burstKb = Math.round(bytes / 1024.0);
        return new Bandwidth(rate, ceil <= rate ? 0 : ceil, burstKb == TcPlan.defaultBurstKb(rate) ? 0 : burstKb);
    }

    /** Whether {@code tc filter show dev TAP parent ffff:} holds a redirect to {@code ifb}. */
    static boolean redirectsTo(String filterText, String ifb) {
        return filterText.contains("Redirect to device " + ifb + ")");
    }

    private static long kBps(Pattern which, String line) {
        Matcher m = which.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + which.pattern() + " in tc's class line: " + line);
        }
        long bits = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return Math.round(bits / 8000.0);
    }
}
