package io.sluice.server.access;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What GRANT and REVOKE hand out. LOAD manages routine load jobs; ALL is every one of them. */
public enum Privilege
{
    SELECT, INSERT, UPDATE, DELETE, LOAD, ALTER, CREATE, DROP;

    /** The privileges a GRANT or REVOKE names: ALL expands, USAGE adds nothing. */
    public static Set<Privilege> parse(List<String> names)
    {
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        for (String name : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("ALL")) {
                privileges.addAll(EnumSet.allOf(Privilege.class));
            }
            else if (!upper.equals("USAGE")) {
                try {
                    privileges.add(valueOf(upper));
                }
                catch (IllegalArgumentException e) {
                    throw new SluiceException(ErrorCode.SYNTAX_ERROR, "Illegal privilege " + name);
                }
            }
        }
        return privileges;
    }
}
