package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file SQL tests: every {@code sql/*.sql} script under test resources runs through the real mysql client
 * ({@code -t -vvv -n --force}, so statements, tables and errors come out in order) and its output must equal the
 * {@code .out} file beside it, with timings masked. A missing or differing expectation is written to
 * {@code target/golden/} for review.
 */
class GoldenSqlIT
{
    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> scripts()
            throws IOException, URISyntaxException
    {
        Path scripts = Path.of(GoldenSqlIT.class.getResource("/sql").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(scripts)) {
            files = listing.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path script)
            throws IOException
    {
        MysqlCli.Result result = cluster.mysql().scriptWithErrorsInline(Files.readString(script), "-t", "-vvv", "-n", "--force");
        String actual = normalize(result.output());
        Path expectedFile = Path.of(script.toString().replaceAll("\\.sql$", ".out"));
        String name = expectedFile.getFileName().toString();
        String expected = Files.exists(expectedFile) ? Files.readString(expectedFile) : null;
        if (!actual.equals(expected)) {
            Path written = Path.of("target", "golden", name);
            Files.createDirectories(written.getParent());
            Files.writeString(written, actual);
            assertThat(actual).as("output of %s (actual written to %s)", script.getFileName(), written.toAbsolutePath()).isEqualTo(expected);
        }
    }

    private static String normalize(String output)
    {
        return output.replaceAll("\\(\\d+\\.\\d+ sec\\)", "(x sec)")
                .replaceAll("(?m)^Bye\\n?", "");
    }
}
