package io.sluice.bench;

import java.sql.Connection;
import java.util.OptionalLong;

/**
 * A database the query benchmark loads with {@link QueryData} and then queries over JDBC, the same SQL on every
 * engine. Tables: {@code sales}, {@code users} and {@code stores}.
 */
interface QueryEngine
        extends AutoCloseable
{
    /** Short lower-case name used in the result columns. */
    String name();

    /** How the rows get in, for the result table. */
    String loadMethod();

    /** Creates the tables and loads every row; returns once all rows are queryable. */
    void load(QueryData data)
            throws Exception;

    /** Waits, after {@link #load}, until background work the load started (compaction) is done; untimed. */
    default void settle()
    {
    }

    /** The connection queries run on; valid after {@link #load}. */
    Connection connection();

    /** Peak resident memory of the engine's own process, when it runs in one. */
    default OptionalLong peakResidentBytes()
    {
        return OptionalLong.empty();
    }

    /** Releases everything; never throws, so a failed engine cannot hide the figures already measured. */
    @Override
    void close();
}
