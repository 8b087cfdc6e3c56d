package io.lockscope.model.vocab;

import java.util.Map;

/**
 * Account names procmon shows for well-known SIDs (CreateFile "Impersonating"): the service
 * accounts every Windows machine has, in the English spelling of Microsoft's "Well-known SIDs" list
 * (learn.microsoft.com, windows/win32/secauthz/well-known-sids). The corpus shows
 * {@code Impersonating: NT AUTHORITY\SYSTEM} where the PML stores S-1-5-18. A machine or domain
 * account (S-1-5-21-…) has no fixed name: procmon resolved it on the capturing machine, and the SID
 * is all a PML keeps.
 */
public final class WellKnownSids {
    private static final Map<String, String> NAMES = Map.of(
            "S-1-5-18", "NT AUTHORITY\\SYSTEM",
            "S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE",
            "S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE",
            "S-1-5-7", "NT AUTHORITY\\ANONYMOUS LOGON");

    private WellKnownSids() {
    }

    /** The SID of a well-known {@code account} name, else {@code account} itself. */
    public static String sid(String account) {
        for (Map.Entry<String, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(account)) {
                return e.getKey();
            }
        }
        return account;
    }

    /** The account name of {@code sid} when it is well known, else {@code sid} itself. */
    public static String account(String sid) {
        return NAMES.getOrDefault(sid, sid);
    }
}
