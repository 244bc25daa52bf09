package io.sluice.server.information;

import io.sluice.loader.job.RoutineLoadJob;

/**
 * What the session's account may see of the catalog: information_schema, SHOW and the console list nothing else.
 * Seeing a table takes any privilege on it; seeing a job, seeing its table.
 */
public interface Visibility
{
    Visibility ALL = new Visibility()
    {
        @Override
        public boolean seesDatabase(String database)
        {
            return true;
        }

        @Override
        public boolean seesTable(String database, String table)
        {
            return true;
        }
    };

    boolean seesDatabase(String database);

    boolean seesTable(String database, String table);

    /** A job that no longer exists (null) is seen only by those who see everything. */
    default boolean seesJob(RoutineLoadJob job)
    {
        return job == null ? this == ALL : seesTable(job.definition().databaseName(), job.definition().tableName());
    }
}
