package io.sluice.server.mysql;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * mysql_native_password against a fixed set of users. Passwords are kept only as SHA1(SHA1(password)), what MySQL
 * stores. A user with an empty password must send an empty response, as in MySQL.
 */
public final class NativePasswordAuthenticator
        implements Authenticator
{
    private static final byte[] EMPTY_PASSWORD = new byte[0];

    private final Map<String, byte[]> passwordHashes;

    /** @param passwords user name to clear-text password ("" for none) */
    public NativePasswordAuthenticator(Map<String, String> passwords)
    {
        requireNonNull(passwords, "passwords is null");
        Map<String, byte[]> hashes = new HashMap<>();
        passwords.forEach((user, password) -> {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            hashes.put(user, password.isEmpty() ? EMPTY_PASSWORD : NativePassword.doubleHash(password));
        });
        this.passwordHashes = Map.copyOf(hashes);
    }

    /** The production default for now: only {@code root}, with an empty password. */
    public static NativePasswordAuthenticator rootWithEmptyPassword()
    {
        return new NativePasswordAuthenticator(Map.of("root", ""));
    }

    @Override
    public boolean authenticate(String user, String clientAddress, byte[] scramble, byte[] authResponse)
    {
        byte[] passwordHash = passwordHashes.get(user);
        if (passwordHash == null) {
            return false;
        }
        if (passwordHash.length == 0) {
            return authResponse.length == 0;
        }
        return NativePassword.matches(passwordHash, scramble, authResponse);
    }
}
