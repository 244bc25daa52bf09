package io.sluice.server.statement;

import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.server.expression.LoadExpressionCompiler;
import io.sluice.server.mysql.ConnectionInfo;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.mysql.MysqlRowSource;
import io.sluice.server.mysql.MysqlRowWriter;
import io.sluice.storage.Storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A real {@link SluiceSession} driven with SQL text the way a client drives it, with the answers as plain values:
 * result rows as text (null for NULL), errors as assertion failures unless asked for.
 */
public final class TestSession
        implements AutoCloseable
{
    private final SluiceSession session;

    public TestSession(Storage storage, String database)
    {
        this(new SluiceSession(requireNonNull(storage, "storage is null"), new RoutineLoadManager(storage, new LoadExpressionCompiler()),
                new ConnectionInfo(1, "root", "127.0.0.1", database, 0)));
    }

    public TestSession(SluiceSession session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    /** The session itself, for what this class does not wrap. */
    public SluiceSession session()
    {
        return session;
    }

    /** A result set's columns and rows. */
    public record Result(List<MysqlColumn> columns, List<String[]> rows) {}

    /** Runs a statement that must succeed; returns its affected rows (0 for a result set). */
    public long execute(String sql)
    {
        MysqlResponse response = session.query(sql);
        if (response instanceof MysqlResponse.Error error) {
            throw new AssertionError(sql + ": " + error);
        }
        if (response instanceof MysqlResponse.ResultSet resultSet) {
            drain(resultSet.rows());
            return 0;
        }
        return ((MysqlResponse.Ok) response).affectedRows();
    }

    /** Runs a query that must answer with a result set. */
    public Result query(String sql)
    {
        MysqlResponse response = session.query(sql);
        if (!(response instanceof MysqlResponse.ResultSet resultSet)) {
            throw new AssertionError(sql + ": expected a result set, got " + response);
        }
        return new Result(resultSet.columns(), drain(resultSet.rows()));
    }

    /** The rows of a query, each row's values joined by " | " (NULL as "NULL"). */
    public List<String> rows(String sql)
    {
        List<String> rows = new ArrayList<>();
        for (String[] row : query(sql).rows()) {
            List<String> values = new ArrayList<>(row.length);
            for (String value : row) {
                values.add(value == null ? "NULL" : value);
            }
            rows.add(String.join(" | ", values));
        }
        return rows;
    }

    /** The single value of a one-row, one-column query. */
    public String value(String sql)
    {
        List<String[]> rows = query(sql).rows();
        if (rows.size() != 1 || rows.get(0).length != 1) {
            throw new AssertionError(sql + ": expected one value, got " + rows.size() + " rows");
        }
        return rows.get(0)[0];
    }

    /** Runs a statement that must fail; returns the error. */
    public MysqlResponse.Error error(String sql)
    {
        MysqlResponse response = session.query(sql);
        if (response instanceof MysqlResponse.Error error) {
            return error;
        }
        if (response instanceof MysqlResponse.ResultSet resultSet) {
            drain(resultSet.rows());
        }
        throw new AssertionError(sql + ": expected an error, got " + response);
    }

    /** Reads a row source the way the protocol layer does, values as text (null for NULL), and closes it. */
    public static List<String[]> drain(MysqlRowSource source)
    {
        List<String[]> rows = new ArrayList<>();
        try (source) {
            RowCollector collector = new RowCollector();
            while (source.nextRow(collector)) {
                rows.add(collector.values.toArray(new String[0]));
                collector.values.clear();
            }
        }
        return rows;
    }

    private static final class RowCollector
            implements MysqlRowWriter
    {
        private final List<String> values = new ArrayList<>();

        @Override
        public void writeNull()
        {
            values.add(null);
        }

        @Override
        public void writeString(CharSequence value)
        {
            values.add(value == null ? null : value.toString());
        }

        @Override
        public void writeLong(long value)
        {
            values.add(Long.toString(value));
        }

        @Override
        public void writeBytes(byte[] value)
        {
            values.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close()
    {
        session.close();
    }
}
