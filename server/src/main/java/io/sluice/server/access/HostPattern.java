package io.sluice.server.access;

import java.util.Locale;

/** Matches an account's host ('%', 'localhost', an address, a LIKE pattern) against a client's address. */
final class HostPattern
{
    static final int NO_MATCH = Integer.MAX_VALUE;

    private HostPattern() {}

    /** 0 for an exact match, 1 for a pattern, 2 for '%', {@link #NO_MATCH} otherwise: MySQL prefers the most specific. */
    static int rank(String host, String clientAddress)
    {
        String address = clientAddress.toLowerCase(Locale.ROOT);
        if (host.equals("%")) {
            return 2;
        }
        if (host.equals(address) || host.equals("localhost") && isLoopback(address)) {
            return 0;
        }
        if ((host.indexOf('%') >= 0 || host.indexOf('_') >= 0) && like(host, 0, address, 0)) {
            return 1;
        }
        return NO_MATCH;
    }

    private static boolean isLoopback(String address)
    {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1") || address.equals("localhost");
    }

    private static boolean like(String pattern, int p, String text, int t)
    {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '%') {
                for (int rest = t; rest <= text.length(); rest++) {
                    if (like(pattern, p + 1, text, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '_' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }
}
