package io.sluice.server.statement;

import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.statement.PointSelectStatement.Shape;
import io.sluice.storage.Storage;

import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Point selects answered from their text before any parse: {@link PointSelectRecognizer} reads the statement, the
 * primary index answers. A connection usually repeats one statement with different keys (a prepared statement), so the
 * lookup the last shape resolved to is kept until the catalog or the table's schema changes. One per session, used by
 * one thread at a time.
 */
final class PointSelectShortcut
{
    private final Storage storage;

    private Shape lastShape;
    private String lastDatabase;
    private long lastCatalogVersion;
    private PointLookup lastLookup;

    PointSelectShortcut(Storage storage)
    {
        this.storage = requireNonNull(storage, "storage is null");
    }

    /** The answer to a point select, or empty when the statement is anything else and must be parsed and planned. */
    Optional<MysqlResponse> tryAnswer(String sql, String currentDatabase)
    {
        Optional<PointSelectStatement> statement = PointSelectRecognizer.recognize(sql);
        if (statement.isEmpty()) {
            return Optional.empty();
        }
        Optional<PointLookup> lookup = lookup(statement.get().shape(), currentDatabase);
        if (lookup.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object> key = lookup.get().keyValue(statement.get().key());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MysqlResponse.ResultSet(lookup.get().columns(), lookup.get().rows(lookup.get().lookup(key.get()))));
    }

    private Optional<PointLookup> lookup(Shape shape, String currentDatabase)
    {
        long catalogVersion = storage.catalogVersion();
        if (lastLookup != null && catalogVersion == lastCatalogVersion && shape.equals(lastShape)
                && Objects.equals(currentDatabase, lastDatabase) && lastLookup.isCurrent()) {
            return Optional.of(lastLookup);
        }
        Optional<PointLookup> lookup = PointLookup.resolve(storage, shape, currentDatabase);
        // only a resolved shape is worth keeping: the others go to the planner, which costs far more than resolving
        lastLookup = lookup.orElse(null);
        lastShape = shape;
        lastDatabase = currentDatabase;
        lastCatalogVersion = catalogVersion;
        return lookup;
    }
}
