package io.sluice.it;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the crash loop's DDL thread was told: the effect of every statement Sluice acknowledged must survive every
 * later kill. A statement cut off by a kill may or may not have happened, so the objects it touches are unknown until
 * an acknowledged statement settles them again; a statement Sluice answered with an error changed nothing.
 */
final class AcknowledgedStatements
{
    private static final Pattern CREATE_TABLE = Pattern.compile("create table (\\w+) .*");
    private static final Pattern DROP_TABLE = Pattern.compile("drop table if exists (\\w+)");
    private static final Pattern ADD_COLUMN = Pattern.compile("alter table (\\w+) add column (\\w+) .*");
    private static final Pattern CREATE_JOB = Pattern.compile("CREATE ROUTINE LOAD (\\w+) ON (\\w+) .*");
    private static final Pattern JOB_STATE = Pattern.compile("(pause|resume) routine load for (\\w+)");
    private static final Pattern ALTER_JOB = Pattern.compile("alter routine load for (\\w+) PROPERTIES \\(\"max_batch_rows\" = \"(\\d+)\"\\)");
    private static final Pattern INSERT = Pattern.compile("insert into (\\w+\\.\\w+) values \\((\\d+)\\)");
    private static final Pattern CREATE_USER = Pattern.compile("create user '(\\w+)'@'%' .*");
    private static final Pattern GRANT = Pattern.compile("grant select on ddl\\.\\* to '(\\w+)'@'%'");

    // Guarded by this. Absent from a map: unknown (or never touched).
    private final Map<String, Boolean> tableExists = new HashMap<>();
    private final Map<String, String> columnOfTable = new HashMap<>();
    private final Map<String, String> jobState = new HashMap<>();
    private final Map<String, String> jobTable = new HashMap<>();
    private final Map<String, String> jobMaxBatchRows = new HashMap<>();
    private final Set<Long> insertedAcknowledged = new TreeSet<>();
    private final Set<Long> insertedAttempted = new HashSet<>();
    private final Map<String, Boolean> userGranted = new HashMap<>();
    private String insertTable;
    private int acknowledged;

    /** Sluice answered OK. */
    synchronized void applied(String statement)
    {
        acknowledged++;
        apply(statement, true);
    }

    /** Sluice was killed or unreachable: the statement may or may not have happened. */
    synchronized void unknown(String statement)
    {
        apply(statement, false);
    }

    synchronized int acknowledged()
    {
        return acknowledged;
    }

    private void apply(String statement, boolean known)
    {
        Matcher matcher;
        if ((matcher = CREATE_TABLE.matcher(statement)).matches()) {
            settle(tableExists, matcher.group(1), known, true);
            columnOfTable.remove(matcher.group(1));
        }
        else if ((matcher = DROP_TABLE.matcher(statement)).matches()) {
            String table = matcher.group(1);
            settle(tableExists, table, known, false);
            // a job whose creation is unknown stays unknown: it may not exist
            for (String job : List.copyOf(jobState.keySet())) {
                if (jobTable.get(job).equals(table)) {
                    settle(jobState, job, known, "CANCELLED");
                }
            }
        }
        else if ((matcher = ADD_COLUMN.matcher(statement)).matches()) {
            settle(columnOfTable, matcher.group(1), known, matcher.group(2));
        }
        else if ((matcher = CREATE_JOB.matcher(statement)).matches()) {
            jobTable.put(matcher.group(1), matcher.group(2));
            settle(jobState, matcher.group(1), known, "RUNNING");
        }
        else if ((matcher = JOB_STATE.matcher(statement)).matches()) {
            settle(jobState, matcher.group(2), known, matcher.group(1).equals("pause") ? "PAUSED" : "RUNNING");
        }
        else if ((matcher = ALTER_JOB.matcher(statement)).matches()) {
            settle(jobMaxBatchRows, matcher.group(1), known, matcher.group(2));
        }
        else if ((matcher = INSERT.matcher(statement)).matches()) {
            insertTable = matcher.group(1);
            long id = Long.parseLong(matcher.group(2));
            insertedAttempted.add(id);
            if (known) {
                insertedAcknowledged.add(id);
            }
        }
        else if ((matcher = CREATE_USER.matcher(statement)).matches()) {
            settle(userGranted, matcher.group(1), known, false);
        }
        else if ((matcher = GRANT.matcher(statement)).matches()) {
            settle(userGranted, matcher.group(1), known, true);
        }
    }

    private static <T> void settle(Map<String, T> states, String name, boolean known, T state)
    {
        if (known) {
            states.put(name, state);
        }
        else {
            states.remove(name);
        }
    }

    /** Compares what Sluice shows now (after a restart) with every acknowledged statement. */
    synchronized void check(SqlClient ddl)
    {
        Set<String> tables = new HashSet<>();
        for (Map<String, String> row : ddl.rows("show tables")) {
            tables.add(row.values().iterator().next());
        }
        tableExists.forEach((table, exists) -> assertThat(tables.contains(table)).as("acknowledged: table %s exists", table).isEqualTo(exists));
        columnOfTable.forEach((table, column) -> {
            if (Boolean.TRUE.equals(tableExists.get(table))) {
                assertThat(ddl.rows("show columns from " + table)).as("acknowledged: column %s of %s", column, table)
                        .anySatisfy(row -> assertThat(row.get("Field")).isEqualTo(column));
            }
        });
        Map<String, Map<String, String>> jobs = new HashMap<>();
        for (Map<String, String> row : ddl.rows("show all routine load from ddl")) {
            jobs.put(row.get("Name"), row);
        }
        jobState.forEach((job, state) -> {
            assertThat(jobs).as("acknowledged: job %s exists", job).containsKey(job);
            String shown = jobs.get(job).get("State");
            if (state.equals("RUNNING")) {
                assertThat(shown).as("acknowledged: job %s runs", job).isIn("RUNNING", "NEED_SCHEDULE", "UNSTABLE");
            }
            else {
                assertThat(shown).as("acknowledged: job %s state", job).isEqualTo(state);
            }
        });
        jobMaxBatchRows.forEach((job, rows) -> assertThat(jobs.get(job).get("JobProperties"))
                .as("acknowledged: max_batch_rows of %s", job).contains("\"maxBatchRows\":\"" + rows + "\""));
        if (insertTable != null) {
            List<Map<String, String>> rows = ddl.rows("select id from " + insertTable);
            Set<Long> found = new HashSet<>();
            for (Map<String, String> row : rows) {
                long id = Long.parseLong(row.get("id"));
                assertThat(found.add(id)).as("row %s inserted once", id).isTrue();
            }
            assertThat(found).as("acknowledged INSERTs").containsAll(insertedAcknowledged);
            assertThat(insertedAttempted).as("rows that were inserted").containsAll(found);
        }
        userGranted.forEach((user, granted) -> {
            String grants = ddl.rows("show grants for '" + user + "'@'%'").toString();
            assertThat(grants.contains("GRANT SELECT ON `ddl`.*"))
                    .as("acknowledged: grant to %s (%s)", user, grants).isEqualTo(granted);
        });
    }
}
