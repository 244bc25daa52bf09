package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;

import static io.sluice.server.mysql.Capabilities.CLIENT_CONNECT_WITH_DB;
import static io.sluice.server.mysql.Capabilities.CLIENT_PLUGIN_AUTH;
import static io.sluice.server.mysql.Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;
import static io.sluice.server.mysql.Capabilities.CLIENT_SECURE_CONNECTION;
import static io.sluice.server.mysql.Capabilities.has;
import static java.util.Objects.requireNonNull;

/**
 * The client's HandshakeResponse41.
 *
 * @param capabilities the client's flags AND the server's: only what both sides support is in effect
 * @param database initial database, or null
 * @param authPluginName the plugin the auth response was computed with, or null when the client did not say
 */
record HandshakeResponse(
        int capabilities,
        int maxPacketSize,
        int characterSet,
        String user,
        byte[] authResponse,
        String database,
        String authPluginName)
{
    /** Fixed part: capabilities, max packet size, character set and 23 reserved bytes. */
    static final int FIXED_LENGTH = 32;

    HandshakeResponse
    {
        requireNonNull(user, "user is null");
        requireNonNull(authResponse, "authResponse is null");
    }

    /** Reads the client flags without consuming anything, to recognize an SSL request before parsing. */
    static int peekClientCapabilities(ByteBuf payload)
    {
        WireFormat.requireReadable(payload, 4);
        return payload.getIntLE(payload.readerIndex());
    }

    /** @throws MalformedPacketException when the packet is truncated or its lengths are inconsistent */
    static HandshakeResponse parse(ByteBuf payload, int serverCapabilities)
    {
        WireFormat.requireReadable(payload, FIXED_LENGTH);
        int capabilities = payload.readIntLE() & serverCapabilities;
        int maxPacketSize = payload.readIntLE();
        int characterSet = payload.readUnsignedByte();
        payload.skipBytes(23);
        String user = WireFormat.readNulTerminatedString(payload);

        byte[] authResponse;
        if (has(capabilities, CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            authResponse = WireFormat.readLengthEncodedBytes(payload);
        }
        else if (has(capabilities, CLIENT_SECURE_CONNECTION)) {
            WireFormat.requireReadable(payload, 1);
            authResponse = WireFormat.readBytes(payload, payload.readUnsignedByte());
        }
        else {
            int end = payload.indexOf(payload.readerIndex(), payload.writerIndex(), (byte) 0);
            authResponse = WireFormat.readBytes(payload, (end < 0 ? payload.writerIndex() : end) - payload.readerIndex());
            if (end >= 0) {
                payload.skipBytes(1);
            }
        }

        // the optional trailing fields are read leniently: some clients set a flag and leave the field out
        String database = null;
        if (has(capabilities, CLIENT_CONNECT_WITH_DB) && payload.isReadable()) {
            database = WireFormat.readNulTerminatedOrRestString(payload);
            if (database.isEmpty()) {
                database = null;
            }
        }
        String authPluginName = null;
        if (has(capabilities, CLIENT_PLUGIN_AUTH) && payload.isReadable()) {
            authPluginName = WireFormat.readNulTerminatedOrRestString(payload);
            if (authPluginName.isEmpty()) {
                authPluginName = null;
            }
        }
        // connection attributes (CLIENT_CONNECT_ATTRS) follow; nothing uses them yet
        return new HandshakeResponse(capabilities, maxPacketSize, characterSet, user, authResponse, database, authPluginName);
    }
}
