package io.sluice.storage.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every commit is appended to the metadata file ({@link MetadataStore#URL_SETTINGS}), so the file only grows while
 * the store is open; the store rewrites it once it has grown by more than 16 MB past twice its size after the last
 * rewrite, and at every open.
 */
class MetadataStoreCompactionTest
{
    @TempDir
    Path directory;

    @Test
    void aGrownFileIsRewrittenWithItsLiveDataOnly()
            throws IOException
    {
        Path file = directory.resolve("metadata.mv.db");
        try (MetadataStore store = MetadataStore.open(directory)) {
            long opened = Files.size(file);
            // Each commit appends at least one 4 KB block: 5,000 commits of two rows that come and go.
            for (int i = 0; i < 2_500; i++) {
                store.insertDatabase("churn", i);
                store.deleteDatabase("churn", List.of());
            }
            store.insertDatabase("kept", 1);
            long grown = Files.size(file);
            assertThat(grown).isGreaterThan(2 * opened + (16 << 20));

            store.compactIfGrown();

            assertThat(Files.size(file)).isLessThan(grown / 10);
            assertThat(store.databaseNames()).containsExactly("kept");
            // Not grown again: nothing to do.
            store.compactIfGrown();
            store.insertDatabase("after", 2);
            assertThat(store.databaseNames()).containsExactly("after", "kept");
        }
        try (MetadataStore store = MetadataStore.open(directory)) {
            assertThat(store.databaseNames()).containsExactly("after", "kept");
        }
    }
}
