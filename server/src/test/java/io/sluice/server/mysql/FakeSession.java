package io.sluice.server.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * A stand-in for the SQL engine, enough for real clients: SET gets OK; SELECT gets one row whose column names are the
 * select-list aliases and whose values come from a table of canned system variables, literals or a few functions.
 * Some statements trigger the behaviours under test (errors, large results, blocking).
 */
class FakeSession
        implements MysqlSession
{
    /** Values a driver must be able to parse, by variable name. */
    static final Map<String, String> SYSTEM_VARIABLES = Map.ofEntries(
            entry("auto_increment_increment", "1"),
            entry("autocommit", "1"),
            entry("character_set_client", "utf8mb4"),
            entry("character_set_connection", "utf8mb4"),
            entry("character_set_database", "utf8mb4"),
            entry("character_set_results", "utf8mb4"),
            entry("character_set_server", "utf8mb4"),
            entry("character_set_system", "utf8mb3"),
            entry("collation_connection", "utf8mb4_general_ci"),
            entry("collation_database", "utf8mb4_general_ci"),
            entry("collation_server", "utf8mb4_general_ci"),
            entry("init_connect", ""),
            entry("interactive_timeout", "28800"),
            entry("license", "Apache-2.0"),
            entry("lower_case_table_names", "0"),
            entry("max_allowed_packet", "67108864"),
            entry("net_buffer_length", "16384"),
            entry("net_write_timeout", "60"),
            entry("performance_schema", "0"),
            entry("query_cache_size", "0"),
            entry("query_cache_type", "OFF"),
            entry("sql_mode", "STRICT_TRANS_TABLES"),
            entry("system_time_zone", "UTC"),
            entry("time_zone", "SYSTEM"),
            entry("transaction_isolation", "REPEATABLE-READ"),
            entry("tx_isolation", "REPEATABLE-READ"),
            entry("transaction_read_only", "0"),
            entry("tx_read_only", "0"),
            entry("version", MysqlServerConfig.DEFAULT_SERVER_VERSION),
            entry("version_comment", "Sluice test server"),
            entry("wait_timeout", "28800"));

    private static final Pattern LEADING_COMMENT = Pattern.compile("^\\s*/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern ROWS = Pattern.compile("select \\* from rows\\((\\d+), *(\\d+)\\)");
    private static final Pattern USE = Pattern.compile("(?i)use\\s+`?(\\w+)`?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private final FakeSessionFactory factory;
    private final ConnectionInfo connection;
    private String database;
    private volatile boolean closed;

    FakeSession(FakeSessionFactory factory, ConnectionInfo connection)
    {
        this.factory = factory;
        this.connection = connection;
        this.database = connection.database();
    }

    boolean isClosed()
    {
        return closed;
    }

    @Override
    public MysqlResponse query(String sql)
    {
        factory.statements.add(sql);
        String statement = normalize(sql);
        String lower = statement.toLowerCase(Locale.ROOT);
        if (lower.startsWith("set ")) {
            return MysqlResponse.ok();
        }
        Matcher use = USE.matcher(statement);
        if (use.matches()) {
            // Connector/J's setCatalog sends USE as a query, where the mysql client sends COM_INIT_DB
            return initDatabase(use.group(1));
        }
        if (lower.startsWith("insert ")) {
            return new MysqlResponse.Ok(3, 42, 0, "Records: 3  Duplicates: 0  Warnings: 0");
        }
        if (lower.equals("crash")) {
            throw new IllegalStateException("simulated crash\n\tat a.stack.Trace(Frame.java:1)");
        }
        if (lower.equals("assert")) {
            throw new AssertionError("planner invariant");
        }
        if (lower.equals("oom")) {
            throw new OutOfMemoryError("Java heap space");
        }
        if (lower.equals("wrong answer")) {
            return new MysqlResponse.FieldList(List.of());
        }
        if (lower.equals("select * from block")) {
            factory.blocked.countDown();
            try {
                if (!factory.unblock.await(30, TimeUnit.SECONDS)) {
                    throw new MysqlException(1317, "70100", "Query execution was interrupted");
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MysqlException(1317, "70100", "Query execution was interrupted");
            }
            return new MysqlResponse.ResultSet(List.of(MysqlColumn.varchar("state")), List.<String[]>of(new String[] {"unblocked"}));
        }
        if (lower.equals("select * from nulls")) {
            return new MysqlResponse.ResultSet(
                    List.of(MysqlColumn.bigint("id"), MysqlColumn.varchar("name"), MysqlColumn.of("score", MysqlType.DOUBLE)),
                    List.of(new String[] {"1", "alice", "1.5"}, new String[] {"2", null, null}, new String[] {null, "", "-0.25"}));
        }
        if (lower.equals("select * from empty")) {
            return new MysqlResponse.ResultSet(List.of(MysqlColumn.varchar("nothing")), List.of());
        }
        if (lower.equals("select * from failing_rows")) {
            return new MysqlResponse.ResultSet(List.of(MysqlColumn.bigint("n")), new FailingRows());
        }
        Matcher rows = ROWS.matcher(lower);
        if (rows.matches()) {
            return generatedRows(Integer.parseInt(rows.group(1)), Integer.parseInt(rows.group(2)));
        }
        if (lower.startsWith("select ") && lower.contains(" from missing")) {
            throw new MysqlException(1146, "42S02", "Table '" + (database == null ? "test" : database) + ".missing' doesn't exist");
        }
        if (lower.startsWith("select ")) {
            return select(statement.substring("select ".length()));
        }
        throw new MysqlException(1064, "42000",
                "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '"
                        + statement + "' at line 1");
    }

    @Override
    public MysqlResponse initDatabase(String database)
    {
        if (!FakeSessionFactory.DATABASES.contains(database)) {
            throw new MysqlException(1049, "42000", "Unknown database '" + database + "'");
        }
        this.database = database;
        return MysqlResponse.ok();
    }

    @Override
    public MysqlResponse fieldList(String table, String wildcard)
    {
        if (!table.equals("t")) {
            return MysqlResponse.error(1146, "42S02", "Table '" + database + "." + table + "' doesn't exist");
        }
        return new MysqlResponse.FieldList(List.of(
                MysqlColumn.bigint("id").withTable(database, table).primaryKey(),
                MysqlColumn.varchar("name").withTable(database, table)));
    }

    @Override
    public String statistics()
    {
        return "Uptime: 1  Threads: 1  Questions: " + factory.statements.size() + "  Slow queries: 0  Opens: 0  Open tables: 0  Queries per second avg: 0.000";
    }

    @Override
    public void close()
    {
        closed = true;
    }

    private MysqlResponse select(String selectList)
    {
        String list = selectList.replaceAll("(?i)\\s+limit\\s+\\d+\\s*$", "").replaceAll("(?i)\\s+from\\s+dual\\s*$", "");
        List<MysqlColumn> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String item : splitTopLevel(list)) {
            String expression = item.trim();
            String name = expression;
            Matcher alias = Pattern.compile("(?is)^(.*?)\\s+as\\s+`?([\\w@.]+)`?$").matcher(expression);
            if (alias.matches()) {
                expression = alias.group(1).trim();
                name = alias.group(2);
            }
            String value = evaluate(expression);
            columns.add(value != null && INTEGER.matcher(value).matches() && !expression.startsWith("@@")
                    ? MysqlColumn.bigint(name)
                    : MysqlColumn.varchar(name));
            values.add(value);
        }
        return new MysqlResponse.ResultSet(columns, List.<String[]>of(values.toArray(new String[0])));
    }

    private String evaluate(String expression)
    {
        String lower = expression.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@@")) {
            String variable = lower.substring(2).replaceFirst("^(session|global|local)\\.", "");
            String value = SYSTEM_VARIABLES.get(variable);
            if (value == null) {
                throw new MysqlException(1193, "HY000", "Unknown system variable '" + variable + "'");
            }
            return value;
        }
        if (lower.equals("null")) {
            return null;
        }
        if ((expression.startsWith("'") && expression.endsWith("'")) || (expression.startsWith("\"") && expression.endsWith("\""))) {
            return expression.substring(1, expression.length() - 1);
        }
        return switch (lower) {
            case "database()", "schema()" -> database;
            case "user()", "current_user()" -> connection.user() + "@" + connection.clientAddress();
            case "connection_id()" -> String.valueOf(connection.connectionId());
            case "version()" -> MysqlServerConfig.DEFAULT_SERVER_VERSION;
            default -> expression;
        };
    }

    /** Rows "id, payload": id via writeLong, payload a string of {@code valueLength} characters. */
    private static MysqlResponse generatedRows(int count, int valueLength)
    {
        String payload = "x".repeat(valueLength);
        return new MysqlResponse.ResultSet(List.of(MysqlColumn.bigint("id"), MysqlColumn.varchar("payload")), new MysqlRowSource()
        {
            private int next;

            @Override
            public boolean nextRow(MysqlRowWriter row)
            {
                if (next == count) {
                    return false;
                }
                row.writeLong(next++);
                row.writeString(payload);
                return true;
            }
        });
    }

    private static String normalize(String sql)
    {
        String statement = sql;
        Matcher comment = LEADING_COMMENT.matcher(statement);
        while (comment.find()) {
            statement = statement.substring(comment.end());
            comment = LEADING_COMMENT.matcher(statement);
        }
        statement = statement.trim();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).trim();
        }
        return statement;
    }

    private static List<String> splitTopLevel(String list)
    {
        List<String> items = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char character = list.charAt(i);
            if (quote != 0) {
                if (character == quote) {
                    quote = 0;
                }
            }
            else if (character == '\'' || character == '"' || character == '`') {
                quote = character;
            }
            else if (character == '(') {
                depth++;
            }
            else if (character == ')') {
                depth--;
            }
            else if (character == ',' && depth == 0) {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        items.add(list.substring(start));
        return items;
    }

    /** Two rows, then a failure, as when a query fails while its result is being streamed. */
    static final class FailingRows
            implements MysqlRowSource
    {
        private int next;
        volatile boolean closed;

        @Override
        public boolean nextRow(MysqlRowWriter row)
        {
            if (next == 2) {
                row.writeLong(99); // half a row: must not reach the client
                throw new MysqlException(1317, "70100", "Query execution was interrupted");
            }
            row.writeLong(next++);
            return true;
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }
}
