package io.sluice.server.statement;

import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.mysql.ServerConnections;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatementsTest
{
    private static final String CREATE = "CREATE ROUTINE LOAD j ON t FROM KAFKA (\"kafka_topic\" = \"t\", \"property.ssl.key.password\" = \"k3y-secret\")";

    @Test
    void processListMasksSecretsOfRunningStatements()
    {
        ProcessStatements statements = new ProcessStatements(new FixedConnections(List.of(
                new ServerConnections.ProcessInfo(1, "root", "127.0.0.1:5000", "db", "Query", 0, "executing", CREATE),
                new ServerConnections.ProcessInfo(2, "root", "127.0.0.1:5001", "db", "Query", 0, "executing", "ALTER USER bob IDENTIFIED BY 'hunter2'"))),
                user -> true);

        for (String sql : List.of("show full processlist", "show processlist")) {
            List<String[]> rows = TestSession.drain(((MysqlResponse.ResultSet) statements.tryAnswer(sql).orElseThrow()).rows());
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)[7]).doesNotContain("k3y-secret").contains("\"kafka_topic\" = \"t\"");
            assertThat(rows.get(1)[7]).isEqualTo("ALTER USER bob IDENTIFIED BY '******'");
        }
        List<String[]> full = TestSession.drain(((MysqlResponse.ResultSet) statements.tryAnswer("show full processlist").orElseThrow()).rows());
        assertThat(full.get(0)[7]).endsWith("\"property.ssl.key.password\" = \"******\")");
    }

    private record FixedConnections(List<ProcessInfo> processes)
            implements ServerConnections
    {
        @Override
        public void kill(int connectionId, boolean queryOnly)
        {
            throw ServerConnections.unknownThread(connectionId);
        }

        @Override
        public Map<String, Long> globalVariables()
        {
            return Map.of();
        }

        @Override
        public boolean setGlobalVariable(String name, long value)
        {
            return false;
        }
    }
}
