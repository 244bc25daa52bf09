package io.sluice.server.mysql;

/**
 * Checks the credentials of a connecting client for the mysql_native_password plugin. Called on a worker thread.
 */
public interface Authenticator
{
    /**
     * Returns whether {@code user} connecting from {@code clientAddress} proved it knows its password:
     * {@code authResponse} is SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))), or empty for an empty password.
     * A refusal is reported to the client as error 1045; the server writes the message.
     */
    boolean authenticate(String user, String clientAddress, byte[] scramble, byte[] authResponse);
}
