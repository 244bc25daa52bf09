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
 * @param server the server's connections (process list, KILL) and protocol-level global variables
 */
public record ConnectionInfo(int connectionId, String user, String clientAddress, String database, int capabilities, ServerConnections server)
{
    /** A connection outside a server: no process list, nothing to kill. */
    public ConnectionInfo(int connectionId, String user, String clientAddress, String database, int capabilities)
    {
        this(connectionId, user, clientAddress, database, capabilities, ServerConnections.NONE);
    }

    public ConnectionInfo
    {
        if (connectionId < 1) {
            throw new IllegalArgumentException("connectionId must be positive: " + connectionId);
        }
        requireNonNull(user, "user is null");
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(server, "server is null");
    }
}
