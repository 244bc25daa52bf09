package io.sluice.server.calcite;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCacheTest
{
    private final List<String> closed = new ArrayList<>();

    @Test
    void keyedOnDatabaseAndText()
    {
        PlanCache cache = new PlanCache(4);
        PreparedQuery first = query("first");
        cache.put("shop", "select 1", 7, first);
        assertThat(cache.get("shop", "select 1", 7)).containsSame(first);
        assertThat(cache.get("other", "select 1", 7)).isEmpty();
        assertThat(cache.get(null, "select 1", 7)).isEmpty();
        assertThat(cache.get("shop", "select 2", 7)).isEmpty();
        assertThat(closed).isEmpty();
    }

    @Test
    void catalogChangeForgetsEveryPlan()
    {
        PlanCache cache = new PlanCache(4);
        cache.put("shop", "select 1", 7, query("one"));
        cache.put(null, "select 2", 7, query("two"));
        assertThat(cache.get("shop", "select 1", 8)).isEmpty();
        assertThat(cache.size()).isZero();
        assertThat(closed).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void planOfAnOlderVersionIsNotKept()
    {
        PlanCache cache = new PlanCache(4);
        assertThat(cache.put("shop", "select 1", 7, query("current"))).isTrue();
        assertThat(cache.get("shop", "select 2", 8)).isEmpty();
        assertThat(closed).containsExactly("current");
        // prepared while the catalog was at 7, but the cache has moved on to 8 meanwhile: the caller closes it
        assertThat(cache.put("shop", "select 2", 7, query("stale"))).isFalse();
        assertThat(cache.get("shop", "select 2", 8)).isEmpty();
        assertThat(closed).containsExactly("current");
    }

    @Test
    void leastRecentlyUsedIsEvicted()
    {
        PlanCache cache = new PlanCache(2);
        cache.put("shop", "a", 1, query("a"));
        cache.put("shop", "b", 1, query("b"));
        assertThat(cache.get("shop", "a", 1)).isPresent();
        cache.put("shop", "c", 1, query("c"));
        assertThat(closed).containsExactly("b");
        assertThat(cache.get("shop", "a", 1)).isPresent();
        assertThat(cache.get("shop", "b", 1)).isEmpty();
        assertThat(cache.get("shop", "c", 1)).isPresent();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void closeClosesEveryStatement()
    {
        PlanCache cache = new PlanCache(2);
        cache.put("shop", "a", 1, query("a"));
        cache.put("shop", "b", 1, query("b"));
        cache.close();
        assertThat(closed).containsExactlyInAnyOrder("a", "b");
        assertThat(cache.size()).isZero();
    }

    /** A prepared query whose statement only records that it was closed. */
    private PreparedQuery query(String name)
    {
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        closed.add(name);
                        return null;
                    }
                    if (method.getName().equals("toString")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new PreparedQuery(statement, List.of(), new int[0]);
    }
}
