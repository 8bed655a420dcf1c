package org.reunify.dashboard.http;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names the dashboard answers to, checked against every request's {@code Host}. A DNS-rebinding page (its own
 * name, re-pointed at 127.0.0.1) reaches the dashboard with that name as the {@code Host}, which is not among these:
 * the loopback names, the address the dashboard listens on, and the names given with {@code --http-allowed-host}.
 * A port after the name is not checked: the name is what a rebinding page cannot fake, and a proxy may add its own.
 */
public final class AllowedHosts {

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+]");
    private static final Pattern HOST_HEADER = Pattern.compile("(?<name>\\[[^]]*]|[^:\\[\\]]*)(:[0-9]{1,5})?");

    private final Set<String> names;

    private AllowedHosts(Set<String> names) {
        this.names = names;
    }

    /**
     * @param listenHost the address (or name) the dashboard listens on
     * @param more the names a wall screen or a proxy uses, without a port; an IPv6 address with or without brackets
     * @throws IllegalArgumentException for a name that is none
     */
    public static AllowedHosts of(String listenHost, Collection<String> more) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK);
        names.add(normalize(listenHost));
        more.forEach(name -> names.add(normalize(name)));
        return new AllowedHosts(Set.copyOf(names));
    }

    /** Whether a request with this {@code Host} header (null when it has none) is for this dashboard. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        Matcher host = HOST_HEADER.matcher(hostHeader.trim().toLowerCase(Locale.ROOT));
        return host.matches() && names.contains(host.group("name"));
    }

    private static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        String bracketed = lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower;
        if (!NAME.matcher(bracketed).matches()) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a host name or address (give it without a port or a path)");
        }
        return bracketed;
    }
}
