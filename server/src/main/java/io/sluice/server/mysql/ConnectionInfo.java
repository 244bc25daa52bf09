package io.sluice.server.mysql;

import static java.util.Objects.requireNonNull;

/**
 * An authenticated client connection.
 *
 * @param connectionId server-wide id, increasing from 1 (what CONNECTION_ID() returns)
 * @param user the authenticated user name
 * @param clientAddress the client's IP address
 * @param database the database named in the handshake, or null
 * @param capabilities the client capability flags the server agreed to (client flags AND server flags)
 */
public record ConnectionInfo(int connectionId, String user, String clientAddress, String database, int capabilities)
{
    public ConnectionInfo
    {
        if (connectionId < 1) {
            throw new IllegalArgumentException("connectionId must be positive: " + connectionId);
        }
        requireNonNull(user, "user is null");
        requireNonNull(clientAddress, "clientAddress is null");
    }
}
