package io.sluice.server.statement;

import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlException;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.mysql.MysqlType;
import io.sluice.server.mysql.ServerConnections;
import io.sluice.server.mysql.ServerConnections.ProcessInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * SHOW [FULL] PROCESSLIST and KILL [CONNECTION | QUERY] id, answered from the server's connection registry. Recognized
 * before parsing: they are fixed forms, and our grammar has no place for them.
 */
final class ProcessStatements
{
    /** Without FULL, MySQL shows the first 100 characters of each statement. */
    static final int SHORT_INFO_LENGTH = 100;

    private static final Pattern SHOW_PROCESSLIST = Pattern.compile("\\s*SHOW\\s+(FULL\\s+)?PROCESSLIST\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern KILL = Pattern.compile("\\s*KILL\\s+(?:(CONNECTION|QUERY)\\s+)?(\\d+)\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private static final List<MysqlColumn> COLUMNS = List.of(
            MysqlColumn.bigint("Id").notNull().unsigned(),
            MysqlColumn.varchar("User").notNull(),
            MysqlColumn.varchar("Host").notNull(),
            MysqlColumn.varchar("db"),
            MysqlColumn.varchar("Command").notNull(),
            MysqlColumn.of("Time", MysqlType.LONG).notNull(),
            MysqlColumn.varchar("State"),
            MysqlColumn.varchar("Info"));

    private final ServerConnections server;
    // As in MySQL without the PROCESS / CONNECTION_ADMIN privileges: one sees and kills only one's own connections.
    private final Predicate<String> seesUser;

    /** @param seesUser whether the session may list and kill the connections of this user */
    ProcessStatements(ServerConnections server, Predicate<String> seesUser)
    {
        this.server = requireNonNull(server, "server is null");
        this.seesUser = requireNonNull(seesUser, "seesUser is null");
    }

    /** The answer when {@code sql} is one of these statements. */
    Optional<MysqlResponse> tryAnswer(String sql)
    {
        char first = firstLetter(sql);
        if (first != 's' && first != 'k') {
            return Optional.empty();
        }
        Matcher show = SHOW_PROCESSLIST.matcher(sql);
        if (show.matches()) {
            return Optional.of(processList(show.group(1) != null));
        }
        Matcher kill = KILL.matcher(sql);
        if (kill.matches()) {
            return Optional.of(kill(kill.group(1), kill.group(2)));
        }
        return Optional.empty();
    }

    private MysqlResponse processList(boolean full)
    {
        List<String[]> rows = new ArrayList<>();
        for (ProcessInfo process : server.processes()) {
            if (!seesUser.test(process.user())) {
                continue;
            }
            // Statements carry secrets (Kafka passwords, IDENTIFIED BY): mask them before anyone sees or cuts them.
            String info = process.info() == null ? null : SecretRedaction.redact(process.info());
            if (info != null && !full && info.length() > SHORT_INFO_LENGTH) {
                info = info.substring(0, SHORT_INFO_LENGTH);
            }
            rows.add(new String[] {
                    Integer.toString(process.id()),
                    process.user(),
                    process.host(),
                    process.database(),
                    process.command(),
                    Long.toString(process.timeSeconds()),
                    process.state(),
                    info});
        }
        return new MysqlResponse.ResultSet(COLUMNS, rows);
    }

    private MysqlResponse kill(String kind, String id)
    {
        long connectionId;
        try {
            connectionId = Long.parseLong(id);
        }
        catch (NumberFormatException e) {
            connectionId = Long.MAX_VALUE;
        }
        try {
            if (connectionId > Integer.MAX_VALUE) {
                throw ServerConnections.unknownThread(connectionId);
            }
            for (ProcessInfo process : server.processes()) {
                if (process.id() == connectionId && !seesUser.test(process.user())) {
                    throw new MysqlException(1095, "HY000", "You are not owner of thread " + connectionId);
                }
            }
            server.kill((int) connectionId, kind != null && kind.equalsIgnoreCase("QUERY"));
            return MysqlResponse.ok();
        }
        catch (MysqlException e) {
            return e.toResponse();
        }
    }

    private static char firstLetter(String sql)
    {
        for (int i = 0; i < sql.length(); i++) {
            char character = sql.charAt(i);
            if (!Character.isWhitespace(character)) {
                return Character.toLowerCase(character);
            }
        }
        return 0;
    }
}
