package io.sluice.server.mysql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import static java.util.Objects.requireNonNull;

/**
 * The server's open connections and the global variables that govern them. A connection registers when it opens
 * (refused past max_connections) and leaves when it closes.
 */
final class ConnectionRegistry
        implements ServerConnections
{
    static final String MAX_CONNECTIONS = "max_connections";
    static final String MAX_ALLOWED_PACKET = "max_allowed_packet";
    static final String WAIT_TIMEOUT = "wait_timeout";
    static final String NET_READ_TIMEOUT = "net_read_timeout";
    static final String MAX_PREPARED_STMT_COUNT = "max_prepared_stmt_count";

    /** MySQL's bounds for each variable. */
    private static final Map<String, long[]> RANGES = Map.of(
            MAX_CONNECTIONS, new long[] {1, 100_000},
            MAX_ALLOWED_PACKET, new long[] {1024, 1024L * 1024 * 1024},
            WAIT_TIMEOUT, new long[] {1, 31_536_000},
            NET_READ_TIMEOUT, new long[] {1, 31_536_000},
            MAX_PREPARED_STMT_COUNT, new long[] {0, 4_194_304});

    private final ConcurrentSkipListMap<Integer, Connection> connections = new ConcurrentSkipListMap<>();
    private final Map<String, Long> globals = new ConcurrentHashMap<>();

    ConnectionRegistry(MysqlServerConfig config)
    {
        globals.put(MAX_CONNECTIONS, (long) config.maxConnections());
        globals.put(MAX_ALLOWED_PACKET, (long) config.maxPacketSize());
        globals.put(WAIT_TIMEOUT, config.waitTimeout().toSeconds());
        globals.put(NET_READ_TIMEOUT, config.netReadTimeout().toSeconds());
        globals.put(MAX_PREPARED_STMT_COUNT, 16382L);
    }

    /** What the registry needs of a connection. */
    interface Connection
    {
        ProcessInfo processInfo();

        void killQuery();

        void killConnection();
    }

    /** Registers a new connection; false when max_connections are open already. */
    synchronized boolean register(int connectionId, Connection connection)
    {
        if (connections.size() >= globals.get(MAX_CONNECTIONS)) {
            return false;
        }
        connections.put(connectionId, requireNonNull(connection, "connection is null"));
        return true;
    }

    void unregister(int connectionId)
    {
        connections.remove(connectionId);
    }

    long global(String name)
    {
        return globals.get(name);
    }

    @Override
    public List<ProcessInfo> processes()
    {
        List<ProcessInfo> processes = new ArrayList<>();
        for (Connection connection : connections.values()) {
            ProcessInfo info = connection.processInfo();
            if (info != null) {
                processes.add(info);
            }
        }
        processes.sort(Comparator.comparingInt(ProcessInfo::id));
        return List.copyOf(processes);
    }

    @Override
    public void kill(int connectionId, boolean queryOnly)
    {
        Connection connection = connections.get(connectionId);
        if (connection == null) {
            throw ServerConnections.unknownThread(connectionId);
        }
        if (queryOnly) {
            connection.killQuery();
        }
        else {
            connection.killConnection();
        }
    }

    @Override
    public Map<String, Long> globalVariables()
    {
        return Map.copyOf(globals);
    }

    @Override
    public boolean setGlobalVariable(String name, long value)
    {
        long[] range = RANGES.get(name);
        if (range == null) {
            return false;
        }
        if (value < range[0] || value > range[1]) {
            throw new MysqlException(1231, "42000", "Variable '%s' can't be set to the value of '%s'".formatted(name, value));
        }
        globals.put(name, value);
        return true;
    }
}
