package io.sluice.server.mysql;

/**
 * The per-connection command handler, opened by {@link MysqlSessionFactory} after authentication. Its methods are
 * called on worker threads, never on a Netty event loop, and never concurrently: one command at a time, in the order
 * the client sent them (with happens-before between calls, so plain fields are fine).
 * <p>
 * Throw {@link MysqlException} (or return {@link MysqlResponse.Error}) to answer with an error; any other exception
 * becomes error 1105 and is logged. The connection stays usable either way.
 */
public interface MysqlSession
        extends AutoCloseable
{
    /** COM_QUERY: answer {@link MysqlResponse.Ok}, {@link MysqlResponse.ResultSet} or {@link MysqlResponse.Error}. */
    MysqlResponse query(String sql);

    /** COM_INIT_DB (the mysql client's {@code use db}): answer Ok or Error. */
    MysqlResponse initDatabase(String database);

    /**
     * COM_FIELD_LIST (the mysql client's table completion): answer {@link MysqlResponse.FieldList} or Error.
     * {@code wildcard} is a LIKE pattern for column names, empty for all.
     */
    MysqlResponse fieldList(String table, String wildcard);

    /** COM_STATISTICS (the mysql client's {@code status}): a one-line human-readable text. */
    String statistics();

    /** COM_RESET_CONNECTION: reset session state (variables, temporary state) but keep the session. Ok or Error. */
    default MysqlResponse resetConnection()
    {
        return MysqlResponse.ok();
    }

    /**
     * KILL QUERY from another connection: asks the statement running now, if any, to stop with error 1317. Called from
     * any thread, concurrently with the session's own calls.
     */
    default void cancel() {}

    /** The current database, for SHOW PROCESSLIST; null when none. Called after each command, on its thread. */
    default String currentDatabase()
    {
        return null;
    }

    /** The session's wait_timeout in seconds (idle connections are closed after it); 0 for the server's global value. */
    default long waitTimeoutSeconds()
    {
        return 0;
    }

    /** Called once when the connection closes, after the last command finished. */
    @Override
    void close();
}
