package io.sluice.server.calcite;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A session's prepared queries by (current database, SQL text), least recently used first out, all valid for one
 * catalog version: any DDL makes every plan stale, since a plan embeds table ids and column types.
 */
final class PlanCache
        implements AutoCloseable
{
    private record Key(String database, String sql) {}

    private final int capacity;
    private final LinkedHashMap<Key, PreparedQuery> plans = new LinkedHashMap<>(16, 0.75f, true);
    private long catalogVersion = Long.MIN_VALUE;

    PlanCache(int capacity)
    {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The plan prepared for this query at this catalog version; forgets every plan of an older version. */
    Optional<PreparedQuery> get(String database, String sql, long currentCatalogVersion)
    {
        requireNonNull(sql, "sql is null");
        if (currentCatalogVersion != catalogVersion) {
            clear();
            catalogVersion = currentCatalogVersion;
            return Optional.empty();
        }
        return Optional.ofNullable(plans.get(new Key(database, sql)));
    }

    /**
     * Keeps a plan prepared while the catalog was at this version (read before preparing, so that DDL racing the
     * preparation is noticed). Returns false, keeping nothing, when the plan is already stale: the caller then closes it
     * after use.
     */
    boolean put(String database, String sql, long preparedAtCatalogVersion, PreparedQuery query)
    {
        requireNonNull(sql, "sql is null");
        requireNonNull(query, "query is null");
        if (preparedAtCatalogVersion < catalogVersion) {
            return false;
        }
        if (preparedAtCatalogVersion > catalogVersion) {
            clear();
            catalogVersion = preparedAtCatalogVersion;
        }
        PreparedQuery replaced = plans.put(new Key(database, sql), query);
        if (replaced != null && replaced != query) {
            replaced.close();
        }
        if (plans.size() > capacity) {
            Iterator<PreparedQuery> eldest = plans.values().iterator();
            PreparedQuery evicted = eldest.next();
            eldest.remove();
            evicted.close();
        }
        return true;
    }

    int size()
    {
        return plans.size();
    }

    void clear()
    {
        List<PreparedQuery> stale = new ArrayList<>(plans.values());
        plans.clear();
        for (PreparedQuery query : stale) {
            query.close();
        }
    }

    @Override
    public void close()
    {
        clear();
    }
}
