package io.sluice.bench;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point-select client against an in-memory H2 standing in for a server (the real servers run in the smoke run).
 */
class PointSelectLoadTest
{
    @Test
    void everyClientRunsCheckedPointSelects()
            throws Exception
    {
        String url = "jdbc:h2:mem:point_select_load;DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url)) {
            SluiceJobs.execute(connection, StandardTables.CREATE_USERS);
            StandardTables.insertUsers(connection, 500);

            PointSelectLoad.Result result = PointSelectLoad.run(() -> DriverManager.getConnection(url), 500, 3, 0, 0.2);

            assertThat(result.firstFailure()).isNull();
            assertThat(result.failedThreads()).isZero();
            assertThat(result.queries()).isPositive().isEqualTo(result.latencies().count());
            assertThat(result.seconds()).isPositive();
            assertThat(result.latencies().percentileMillis(99)).isGreaterThanOrEqualTo(result.latencies().percentileMillis(50));
        }
        finally {
            try (Connection connection = DriverManager.getConnection(url)) {
                SluiceJobs.execute(connection, "shutdown");
            }
        }
    }

    @Test
    void clientsThatCannotQueryAreReportedNotHung()
            throws Exception
    {
        PointSelectLoad.Result result = PointSelectLoad.run(() -> DriverManager.getConnection("jdbc:h2:mem:"), 10, 2, 0, 0.1);

        assertThat(result.failedThreads()).isEqualTo(2);
        assertThat(result.firstFailure()).contains("USERS");
        assertThat(result.queries()).isZero();
    }
}
