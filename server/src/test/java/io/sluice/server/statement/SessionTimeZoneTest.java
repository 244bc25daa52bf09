package io.sluice.server.statement;

import io.sluice.server.mysql.MysqlResponse;
import io.sluice.storage.Storage;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.util.Holder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Date and time functions work in the session's {@code time_zone}, as MySQL's do: through the planner (cached plans
 * included), in FROM-less SELECTs and in INSERT ... VALUES; DATETIME values themselves never shift.
 */
class SessionTimeZoneTest
{
    /** 2024-01-01 20:30:00 UTC: already 2024-01-02 in Shanghai. */
    private static final long FIXED_MILLIS = Instant.parse("2024-01-01T20:30:00Z").toEpochMilli();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path directory;

    private Storage storage;
    private TestSession session;

    @BeforeEach
    void setUp()
    {
        storage = Storage.open(directory);
        storage.createDatabase("db", false);
        session = new TestSession(storage, "db");
        session.execute("create table events (id int, ts datetime, d date) duplicate key(id)");
        session.execute("insert into events values (1, '2024-05-06 07:08:09', '2024-05-06')");
    }

    @AfterEach
    void tearDown()
    {
        session.close();
        storage.close();
    }

    @Test
    void plannedQueriesUseTheSessionZone()
    {
        String sql = "select from_unixtime(0), unix_timestamp('1970-01-02 00:00:00'), unix_timestamp(ts), ts, d from events";
        session.execute("set time_zone = '+00:00'");
        assertThat(session.rows(sql)).containsExactly("1970-01-01 00:00:00 | 86400 | 1714979289 | 2024-05-06 07:08:09 | 2024-05-06");
        // the same text again: the cached plan reads the zone of this execution
        session.execute("set time_zone = '+08:00'");
        assertThat(session.rows(sql)).containsExactly("1970-01-01 08:00:00 | 57600 | 1714950489 | 2024-05-06 07:08:09 | 2024-05-06");
        session.execute("set @@session.time_zone = 'Asia/Shanghai'");
        assertThat(session.rows(sql)).containsExactly("1970-01-01 08:00:00 | 57600 | 1714950489 | 2024-05-06 07:08:09 | 2024-05-06");
        session.execute("set time_zone = '-05:30'");
        assertThat(session.rows(sql)).containsExactly("1969-12-31 18:30:00 | 106200 | 1714999089 | 2024-05-06 07:08:09 | 2024-05-06");
        assertThat(session.rows("select from_unixtime(0, '%Y-%m-%d %H:%i') from events")).containsExactly("1969-12-31 18:30");
    }

    @Test
    void clockFunctionsUseTheSessionZone()
    {
        String sql = "select now(), curdate(), current_timestamp(), current_date(), unix_timestamp(), unix_timestamp(now()) from events";
        withFixedClock(() -> {
            session.execute("set time_zone = 'UTC'");
            assertThat(session.rows(sql)).containsExactly(
                    "2024-01-01 20:30:00 | 2024-01-01 | 2024-01-01 20:30:00 | 2024-01-01 | 1704141000 | 1704141000");
            session.execute("set time_zone = 'Asia/Shanghai'");
            assertThat(session.rows(sql)).containsExactly(
                    "2024-01-02 04:30:00 | 2024-01-02 | 2024-01-02 04:30:00 | 2024-01-02 | 1704141000 | 1704141000");
            // Calcite's own CURRENT_TIMESTAMP and CURRENT_DATE keywords follow the zone too
            assertThat(session.rows("select current_timestamp, current_date from events")).containsExactly("2024-01-02 04:30:00 | 2024-01-02");
        });
    }

    @Test
    void constantSelectsAndInsertsUseTheSessionZone()
    {
        session.execute("set time_zone = '+08:00'");
        assertThat(session.value("select from_unixtime(0)")).isEqualTo("1970-01-01 08:00:00");
        assertThat(session.value("select unix_timestamp('1970-01-01 08:00:00')")).isEqualTo("0");
        session.execute("insert into events values (2, from_unixtime(3600), null)");
        session.execute("set time_zone = 'system'");
        assertThat(session.rows("select ts from events where id = 2")).containsExactly("1970-01-01 09:00:00");

        // NOW() without a table: the wall clock of the session's zone, hours away from the other zone's
        for (String zone : List.of("+14:00", "-13:00")) {
            session.execute("set time_zone = '" + zone + "'");
            Instant before = Instant.now();
            LocalDateTime now = LocalDateTime.parse(session.value("select now()"), DATE_TIME);
            Instant shown = now.atZone(ZoneOffset.of(zone)).toInstant();
            assertThat(Duration.between(before, shown).abs()).as(zone).isLessThan(Duration.ofMinutes(5));
        }
    }

    @Test
    void timeZoneValues()
    {
        assertThat(session.value("select @@time_zone")).isEqualTo("SYSTEM");
        session.execute("set time_zone = '+8:00'");
        assertThat(session.value("select @@session.time_zone")).isEqualTo("+8:00");
        assertThat(session.value("select from_unixtime(0) from events")).isEqualTo("1970-01-01 08:00:00");
        session.execute("set time_zone = 'asia/shanghai'");
        assertThat(session.value("select from_unixtime(0) from events")).isEqualTo("1970-01-01 08:00:00");
        session.execute("set time_zone = '+14:00'");
        session.execute("set time_zone = '-13:59'");
        assertThat(session.value("select from_unixtime(0)")).isEqualTo("1969-12-31 10:01:00");

        for (String bad : List.of("'+14:01'", "'-14:00'", "'+08:60'", "'Mars/Olympus'", "'08:00'", "8", "''")) {
            MysqlResponse.Error error = session.error("set time_zone = " + bad);
            assertThat(error.code()).as(bad).isEqualTo(1298);
            assertThat(error.sqlState()).isEqualTo("HY000");
            assertThat(error.message()).startsWith("Unknown or incorrect time zone: '");
        }
        // a failed SET leaves the zone as it was
        assertThat(session.value("select @@time_zone")).isEqualTo("-13:59");

        session.execute("set time_zone = default");
        assertThat(session.value("select @@time_zone")).isEqualTo("SYSTEM");
        String expected = LocalDateTime.ofInstant(Instant.EPOCH, ZoneId.systemDefault()).format(DATE_TIME);
        assertThat(session.value("select from_unixtime(0) from events")).isEqualTo(expected);
    }

    private static void withFixedClock(Runnable body)
    {
        Consumer<Holder<Long>> clock = holder -> holder.set(FIXED_MILLIS);
        try (Hook.Closeable ignored = Hook.CURRENT_TIME.addThread(clock)) {
            body.run();
        }
    }
}
