package io.sluice.server.mysql;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Opens {@link FakeSession}s; knows the databases "test" and "sluice" and records what happened. */
final class FakeSessionFactory
        implements MysqlSessionFactory
{
    static final Set<String> DATABASES = Set.of("test", "sluice");

    final List<ConnectionInfo> connections = new CopyOnWriteArrayList<>();
    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    final List<String> statements = new CopyOnWriteArrayList<>();
    /** Released by a test to let "block" queries finish. */
    final CountDownLatch unblock = new CountDownLatch(1);
    /** Counted down when a "block" query starts. */
    final CountDownLatch blocked = new CountDownLatch(1);

    @Override
    public MysqlSession open(ConnectionInfo connection)
    {
        if (connection.database() != null && !DATABASES.contains(connection.database())) {
            throw new MysqlException(1049, "42000", "Unknown database '" + connection.database() + "'");
        }
        connections.add(connection);
        FakeSession session = new FakeSession(this, connection);
        sessions.add(session);
        return session;
    }

    int closedSessions()
    {
        int closed = 0;
        for (FakeSession session : sessions) {
            if (session.isClosed()) {
                closed++;
            }
        }
        return closed;
    }
}
