package io.sluice.server.mysql;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a session may ask of the server about its connections: the process list, KILL, and the global variables the
 * protocol layer enforces (max_connections, max_allowed_packet, wait_timeout, max_prepared_stmt_count). Thread-safe.
 */
public interface ServerConnections
{
    /** For sessions opened outside a server (tests): no other connection, no protocol variables. */
    ServerConnections NONE = new ServerConnections()
    {
        @Override
        public List<ProcessInfo> processes()
        {
            return List.of();
        }

        @Override
        public void kill(int connectionId, boolean queryOnly)
        {
            throw unknownThread(connectionId);
        }

        @Override
        public Map<String, Long> globalVariables()
        {
            return Map.of();
        }

        @Override
        public boolean setGlobalVariable(String name, long value)
        {
            return false;
        }
    };

    /** The open connections, by increasing id. */
    List<ProcessInfo> processes();

    /**
     * KILL QUERY (queryOnly) stops the statement the connection runs, which fails with error 1317; KILL CONNECTION
     * also closes the connection.
     *
     * @throws MysqlException 1094 when no connection has the id
     */
    void kill(int connectionId, boolean queryOnly);

    /** The global values of the protocol's variables, by lower-case name. */
    Map<String, Long> globalVariables();

    default OptionalLong globalVariable(String name)
    {
        Long value = globalVariables().get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * SET GLOBAL of a protocol variable; returns false when the name is not one (the session keeps it itself).
     *
     * @throws MysqlException 1231 for a value out of the variable's range
     */
    boolean setGlobalVariable(String name, long value);

    static MysqlException unknownThread(long connectionId)
    {
        return new MysqlException(1094, "HY000", "Unknown thread id: " + connectionId);
    }

    /** One row of SHOW PROCESSLIST. {@code database} and {@code info} may be null. */
    record ProcessInfo(int id, String user, String host, String database, String command, long timeSeconds, String state, String info) {}
}
