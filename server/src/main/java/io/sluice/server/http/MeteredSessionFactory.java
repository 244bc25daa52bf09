package io.sluice.server.http;

import io.sluice.server.mysql.ConnectionInfo;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.mysql.MysqlSession;
import io.sluice.server.mysql.MysqlSessionFactory;

import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Counts connections and times statements around the real sessions, so the statement layer knows nothing of metrics.
 * A statement's latency runs until its response is ready (a streamed result set's rows are written after that); it is
 * an error when it answers an ERR packet or throws.
 */
public final class MeteredSessionFactory
        implements MysqlSessionFactory
{
    private final MysqlSessionFactory delegate;
    private final ServerMetrics metrics;

    public MeteredSessionFactory(MysqlSessionFactory delegate, ServerMetrics metrics)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public MysqlSession open(ConnectionInfo connection)
    {
        MysqlSession session = delegate.open(connection);
        metrics.connectionOpened();
        return new MeteredSession(session, metrics);
    }

    private static final class MeteredSession
            implements MysqlSession
    {
        private final MysqlSession delegate;
        private final ServerMetrics metrics;
        private final AtomicBoolean closed = new AtomicBoolean();

        MeteredSession(MysqlSession delegate, ServerMetrics metrics)
        {
            this.delegate = delegate;
            this.metrics = metrics;
        }

        @Override
        public MysqlResponse query(String sql)
        {
            long start = System.nanoTime();
            boolean ok = false;
            try {
                MysqlResponse response = delegate.query(sql);
                ok = !(response instanceof MysqlResponse.Error);
                return response;
            }
            finally {
                metrics.recordQuery(ok, System.nanoTime() - start);
            }
        }

        @Override
        public MysqlResponse initDatabase(String database)
        {
            return delegate.initDatabase(database);
        }

        @Override
        public MysqlResponse fieldList(String table, String wildcard)
        {
            return delegate.fieldList(table, wildcard);
        }

        @Override
        public String statistics()
        {
            return delegate.statistics();
        }

        @Override
        public MysqlResponse resetConnection()
        {
            return delegate.resetConnection();
        }

        @Override
        public void cancel()
        {
            delegate.cancel();
        }

        @Override
        public String currentDatabase()
        {
            return delegate.currentDatabase();
        }

        @Override
        public long waitTimeoutSeconds()
        {
            return delegate.waitTimeoutSeconds();
        }

        @Override
        public void close()
        {
            if (closed.compareAndSet(false, true)) {
                metrics.connectionClosed();
            }
            delegate.close();
        }
    }
}
