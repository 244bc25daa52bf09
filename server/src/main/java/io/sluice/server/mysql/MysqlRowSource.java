package io.sluice.server.mysql;

import java.util.List;

/**
 * Rows of a result set, pulled one at a time by the protocol layer as it writes them to the client. Called from one
 * worker thread at a time (possibly different threads over time, with happens-before between calls).
 */
public interface MysqlRowSource
        extends AutoCloseable
{
    /**
     * Writes the next row, exactly one value per column in column order, and returns true; or writes nothing and
     * returns false when there are no more rows. Throwing {@link MysqlException} ends the result set with that error
     * (the client sees the rows sent so far, then the error); any other exception ends it with error 1105.
     */
    boolean nextRow(MysqlRowWriter row);

    /** Releases resources; called once, whether or not all rows were read. */
    @Override
    default void close() {}

    static MysqlRowSource of(List<String[]> rows)
    {
        return new StringArrayRowSource(rows);
    }
}
