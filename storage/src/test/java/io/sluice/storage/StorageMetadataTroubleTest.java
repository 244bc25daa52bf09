package io.sluice.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection asks whether its database exists: that must not need H2, which answers nothing (not even a read)
 * while its disk is full or read-only.
 */
class StorageMetadataTroubleTest
{
    @TempDir
    Path directory;

    @Test
    void databaseNamesAreAnsweredWhileTheMetadataIsClosed()
            throws SQLException
    {
        try (Storage storage = Storage.open(directory)) {
            storage.createDatabase("shop", false);
            storage.createDatabase("analytics", false);
            storage.dropDatabase("shop", false);
            storage.createDatabase("crm", false);
            // What H2 does after a failed write, done from outside: the database closes under the store.
            try (Connection other = DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("meta").resolve("metadata").toAbsolutePath(), "sluice", "");
                    Statement statement = other.createStatement()) {
                statement.execute("SHUTDOWN");
            }

            assertThat(storage.databaseExists("crm")).isTrue();
            assertThat(storage.databaseExists("shop")).isFalse();
            assertThat(storage.databaseNames()).containsExactly("analytics", "crm");
        }
        try (Storage reopened = Storage.open(directory)) {
            assertThat(reopened.databaseNames()).containsExactly("analytics", "crm");
        }
    }
}
