package io.sluice.server.mysql;

/** Capability and status flags of the MySQL protocol. */
final class Capabilities
{
    static final int CLIENT_LONG_PASSWORD = 1;
    static final int CLIENT_FOUND_ROWS = 1 << 1;
    static final int CLIENT_LONG_FLAG = 1 << 2;
    static final int CLIENT_CONNECT_WITH_DB = 1 << 3;
    static final int CLIENT_COMPRESS = 1 << 5;
    static final int CLIENT_LOCAL_FILES = 1 << 7;
    static final int CLIENT_PROTOCOL_41 = 1 << 9;
    static final int CLIENT_INTERACTIVE = 1 << 10;
    static final int CLIENT_SSL = 1 << 11;
    static final int CLIENT_TRANSACTIONS = 1 << 13;
    static final int CLIENT_SECURE_CONNECTION = 1 << 15;
    static final int CLIENT_MULTI_STATEMENTS = 1 << 16;
    static final int CLIENT_MULTI_RESULTS = 1 << 17;
    static final int CLIENT_PLUGIN_AUTH = 1 << 19;
    static final int CLIENT_CONNECT_ATTRS = 1 << 20;
    static final int CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
    static final int CLIENT_SESSION_TRACK = 1 << 23;
    static final int CLIENT_DEPRECATE_EOF = 1 << 24;

    /**
     * What this server offers. CLIENT_LONG_PASSWORD doubles as MariaDB's CLIENT_MYSQL bit: set, MariaDB clients do not
     * look for MariaDB extended capabilities. No SSL, compression, multi-statements, session tracking or LOCAL INFILE.
     */
    static final int SERVER_CAPABILITIES = CLIENT_LONG_PASSWORD
            | CLIENT_LONG_FLAG
            | CLIENT_CONNECT_WITH_DB
            | CLIENT_PROTOCOL_41
            | CLIENT_TRANSACTIONS
            | CLIENT_SECURE_CONNECTION
            | CLIENT_MULTI_STATEMENTS
            | CLIENT_MULTI_RESULTS
            | CLIENT_PLUGIN_AUTH
            | CLIENT_CONNECT_ATTRS
            | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
            | CLIENT_DEPRECATE_EOF;

    static final int SERVER_STATUS_AUTOCOMMIT = 1 << 1;

    private Capabilities() {}

    static boolean has(int capabilities, int flag)
    {
        return (capabilities & flag) != 0;
    }
}
