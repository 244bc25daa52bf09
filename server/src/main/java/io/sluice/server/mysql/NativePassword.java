package io.sluice.server.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** The mysql_native_password scheme: SHA-1 challenge and response. */
public final class NativePassword
{
    static final String PLUGIN_NAME = "mysql_native_password";
    static final int SCRAMBLE_LENGTH = 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SHA1_LENGTH = 20;

    private NativePassword() {}

    /**
     * A fresh 20-byte challenge. Like MySQL, only printable ASCII: clients treat the second part of the handshake's
     * scramble as a NUL-terminated string, and '$' is avoided as MySQL does.
     */
    static byte[] newScramble()
    {
        byte[] scramble = new byte[SCRAMBLE_LENGTH];
        RANDOM.nextBytes(scramble);
        for (int i = 0; i < scramble.length; i++) {
            // '!' (0x21) to '~' (0x7e): 94 printable characters
            int value = 0x21 + Math.floorMod(scramble[i], 94);
            scramble[i] = (byte) (value == '$' ? value + 1 : value);
        }
        return scramble;
    }

    /** SHA1(SHA1(password)): what the server keeps. */
    public static byte[] doubleHash(String password)
    {
        MessageDigest sha1 = sha1();
        return sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** The client's response: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))); empty for an empty password. */
    static byte[] clientResponse(String password, byte[] scramble)
    {
        if (password.isEmpty()) {
            return new byte[0];
        }
        MessageDigest sha1 = sha1();
        byte[] passwordHash = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] doubleHash = sha1.digest(passwordHash);
        sha1.update(scramble);
        byte[] mask = sha1.digest(doubleHash);
        return xor(passwordHash, mask);
    }

    /** Recovers SHA1(password) from the response and checks that hashing it again gives the stored double hash. */
    public static boolean matches(byte[] doubleHash, byte[] scramble, byte[] response)
    {
        if (response.length != SHA1_LENGTH || doubleHash.length != SHA1_LENGTH) {
            return false;
        }
        MessageDigest sha1 = sha1();
        sha1.update(scramble);
        byte[] mask = sha1.digest(doubleHash);
        byte[] candidatePasswordHash = xor(response, mask);
        return MessageDigest.isEqual(sha1.digest(candidatePasswordHash), doubleHash);
    }

    private static byte[] xor(byte[] left, byte[] right)
    {
        byte[] result = new byte[left.length];
        for (int i = 0; i < left.length; i++) {
            result[i] = (byte) (left[i] ^ right[i]);
        }
        return result;
    }

    private static MessageDigest sha1()
    {
        try {
            return MessageDigest.getInstance("SHA-1");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
