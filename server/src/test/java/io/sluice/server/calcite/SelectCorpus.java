package io.sluice.server.calcite;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The SELECTs the SQL differential test asks Sluice and H2 over {@code t} (every type as a column, see
 * {@link DifferentialSchema}) and {@code dim (id, grp, weight, label)}: filters on every type and NULLs, ranges, IN and
 * NOT IN, LIKE, every aggregate with and without GROUP BY, COUNT(DISTINCT), ORDER BY ... LIMIT, joins, subqueries,
 * UNION, a window function and the shared function library. Most text is the same for both; where H2 spells it
 * differently the H2 text is given. Ordered queries order by every column they select, so ties cannot reorder them.
 */
final class SelectCorpus
{
    /**
     * @param ordered whether the order of the rows is part of the answer
     */
    record Query(String sluice, String h2, boolean ordered)
    {
        Query
        {
            requireNonNull(sluice, "sluice is null");
            requireNonNull(h2, "h2 is null");
        }
    }

    /** Columns whose AVG is exact in MySQL (a DECIMAL): H2 averages them as DOUBLE unless cast. */
    private static final Set<String> EXACT_COLUMNS = Set.of("ti", "si", "i", "bi", "li", "dc", "k1", "id", "weight");
    private static final Pattern AVERAGE = Pattern.compile("(?i)avg\\((\\w+\\.)?(\\w+)\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    private SelectCorpus() {}

    /** Every query. */
    static List<Query> queries()
    {
        List<Query> queries = new ArrayList<>(essentials());
        queries.addAll(features());
        return List.copyOf(queries);
    }

    /** What every run asks: every row and column, every aggregate over all of them, a group by, point lookups. */
    static List<Query> essentials()
    {
        return List.of(
                same("select * from t"),
                same("select * from dim"),
                same("select * from t where k1 = 7 and k2 = 'dd'"),
                same("select k2, v, k1 from t where k1 = 5 and k2 = 'a'"),
                same("select count(*), count(b), count(ti), count(li), count(c), count(s), count(dt), count(ts) from t"),
                same("select sum(ti), sum(si), sum(i), sum(bi), sum(li), sum(f), sum(d), sum(dc) from t"),
                same("select min(ti), max(ti), min(si), max(si), min(li), max(li), min(f), max(f), min(d), max(d) from t"),
                same("select min(dc), max(dc), min(c), max(c), min(v), max(v), min(s), max(s) from t"),
                same("select min(dt), max(dt), min(ts), max(ts) from t"),
                same("select avg(ti), avg(si), avg(i), avg(bi), avg(dc), avg(li) from t"),
                same("select avg(f), avg(d) from t"),
                same("select k2, count(*), sum(bi), min(ts), max(v), avg(i) from t group by k2"));
    }

    /** The features the corpus exercises one query each (a short run shares them out between the key models). */
    static List<Query> features()
    {
        List<Query> queries = new ArrayList<>();

        // filters on every type, with NULLs
        queries.add(same("select k1, k2, b from t where b"));
        queries.add(same("select k1, k2 from t where not b"));
        queries.add(same("select k1, k2 from t where b is null"));
        queries.add(same("select k1, k2, ti from t where ti > 50 or ti is null"));
        queries.add(same("select k1, k2, si from t where si between -100 and 100"));
        queries.add(same("select k1, k2, i from t where i in (7, 0, -5) or i < -90000"));
        queries.add(same("select k1, k2, i from t where i not in (7, 8, null)"));
        queries.add(same("select k1, k2, bi from t where bi >= 0 and bi < 500000000000"));
        queries.add(same("select k1, k2, li from t where li > 1000000000000000000000"));
        queries.add(same("select k1, k2, li from t where li < 0 and li > -1000000000000000"));
        queries.add(same("select k1, k2, f from t where f > 50.5"));
        queries.add(same("select k1, k2, d from t where d <= -100.25 or d = 0"));
        queries.add(same("select k1, k2, dc from t where dc > 1000.5"));
        queries.add(same("select k1, k2, dc from t where dc between -10 and 10.5"));
        queries.add(same("select k1, k2, c from t where c = ''"));
        queries.add(same("select k1, k2, c from t where c in ('x', 'zzz') or c is null"));
        queries.add(same("select k1, k2, v from t where v like 'a%'"));
        queries.add(same("select k1, k2, v from t where v like 'a\\\\_b'"));
        queries.add(same("select k1, k2, v from t where v = 'it\\'s' or v = 'back\\\\slash'"));
        queries.add(same("select k1, k2, v from t where v not in ('alpha', 'beta')"));
        queries.add(same("select k1, k2, s from t where s > 'b' and s is not null"));
        queries.add(same("select k1, k2, s from t where s like '%中%'"));
        queries.add(same("select k1, k2, dt from t where dt >= date '2024-01-20' and dt < date '2024-02-10'"));
        queries.add(same("select k1, k2, dt from t where dt = '2024-01-15'"));
        queries.add(same("select k1, k2, ts from t where ts > timestamp '2024-02-01 12:00:00'"));
        queries.add(same("select k1, k2, ts from t where ts between '2024-01-10 00:00:00' and '2024-01-20 23:59:59'"));
        queries.add(same("select k1, k2, v, i from t where k1 in (1, 2, 3) and k2 <> 'b'"));
        queries.add(same("select k1, k2, b is not true from t where b is not true"));
        // equality on every type (the anchor row has these values)
        queries.add(same("select k1, k2 from t where dc = 12.3 or dc = 12.30 or li = 1 or f = 0.5"));
        queries.add(same("select k1, k2 from t where d = -1.125 and ti = 12 and si = 34 and i = 56 and bi = 78 and b"));
        queries.add(same("select k1, k2 from t where dt = date '2024-02-29' and ts = timestamp '2024-02-29 12:34:56' and c = 'x' and s = 'abc'"));
        queries.add(same("select k1, k2 from t where dc in (12.3, 7, -2.25) or li in (1, 2, 3) or li not in (1)"));
        queries.add(same("select k1, k2, dt, ts from t where ts >= '2024-02-29' and dt <= '2024-02-29'"));
        queries.add(same("select k1, k2 from t where i > si and bi is not null"));

        // aggregates
        queries.add(same("select count(distinct k2), count(distinct v), count(distinct dt), count(distinct dc), count(distinct b) from t"));
        queries.add(same("select b, count(*), sum(d), max(dc), min(li) from t group by b"));
        queries.add(same("select dt, count(*), count(distinct k1) from t group by dt"));
        queries.add(same("select c, v, count(*), sum(li), sum(f) from t group by c, v"));
        queries.add(same("select k1, count(*) from t group by k1 having count(*) > 2"));
        queries.add(same("select k2, count(*) from t where bi > 0 group by k2 having sum(i) > 0"));
        queries.add(same("select count(*), sum(i), max(s) from t where v is null"));
        queries.add(same("select count(*), sum(bi), min(v), avg(dc) from t where k1 < 0"));
        queries.add(same("select k2, count(*), sum(bi) from t where k1 < 0 group by k2"));
        queries.add(same("select year(dt), month(dt), count(*) from t group by year(dt), month(dt)"));
        queries.add(same("select distinct k2, b from t"));
        queries.add(same("select k2, avg(d), avg(f) from t group by k2 having avg(d) > 0"));
        queries.add(same("select max(k1), min(k2), count(*) from t where dt between date '2024-01-10' and date '2024-01-20'"));
        queries.add(same("select count(*), count(distinct s) from t where s is not null and char_length(s) > 3"));
        queries.add(new Query("select k2 as kk, count(*) from t group by kk", "select k2 as kk, count(*) from t group by k2", false));

        // ORDER BY ... LIMIT (NULLs first ascending, last descending)
        queries.add(ordered("select k1, k2, v from t order by v desc, k1, k2 limit 7"));
        queries.add(ordered("select k1, k2, bi from t order by bi, k1, k2 limit 10 offset 3"));
        queries.add(ordered("select dt, ts, k1, k2 from t order by dt desc, ts, k1, k2 limit 5"));
        queries.add(ordered("select k1, k2, dc from t order by dc desc, k1 desc, k2 limit 4"));
        queries.add(ordered("select k1, k2, li from t order by li desc, k1, k2 limit 5"));
        queries.add(ordered("select k1, k2, f, d from t where f is not null order by f, d, k1, k2 limit 6"));
        queries.add(ordered("select k2, count(*) as n from t group by k2 order by n desc, k2"));
        queries.add(ordered("select k1, k2, i from t order by abs(i) desc, i, k1, k2 limit 5"));
        queries.add(ordered("select k2, sum(dc) from t group by k2 order by sum(dc) desc, k2 limit 3"));
        queries.add(new Query("select k1, k2, s from t order by s, k1, k2 limit 3, 4", "select k1, k2, s from t order by s, k1, k2 limit 4 offset 3", true));

        // joins, subqueries, UNION, a window
        queries.add(same("select d.grp, count(*), sum(t.bi), max(d.weight) from t join dim d on t.k1 = d.id group by d.grp"));
        queries.add(same("select count(*), count(d.label), sum(d.weight) from t left join dim d on t.k1 = d.id"));
        queries.add(same("select t.k1, t.k2, d.label from t join dim d on t.k1 = d.id where d.weight > 50 and t.v is not null"));
        queries.add(same("select count(*) from t a join t b on a.k1 = b.k1 and a.k2 = b.k2"));
        queries.add(same("select count(*) from t where k1 in (select id from dim where grp = 'g1')"));
        queries.add(same("select count(*) from t where k2 not in (select grp from dim)"));
        queries.add(same("select count(*) from t where k1 not in (select id from dim where weight > 10)"));
        queries.add(same("select k1, k2 from t where bi > (select avg(bi) from t)"));
        queries.add(same("select a.k1, a.k2, (select count(*) from t b where b.k1 = a.k1) from t a where a.k2 = 'a'"));
        queries.add(same("select count(*) from dim where exists (select 1 from t where t.k1 = dim.id and t.b)"));
        queries.add(same("select x.k2, x.total from (select k2, sum(i) as total from t group by k2) x where x.total > 0"));
        queries.add(same("select k1 from t where v = 'alpha' union select id from dim where grp = 'g2'"));
        queries.add(same("select k2, bi from t where k1 < 5 union all select grp, id from dim where id < 5"));
        queries.add(same("select k2, k1, count(*) over (partition by k2) from t"));

        // expressions and the function library
        queries.add(same("select k1, k2, bi + i, i - si, dc * 2, -ti from t"));
        queries.add(new Query("select k1, k2, mod(i, 7), abs(si), i div 7 from t", "select k1, k2, mod(i, 7), abs(si), i / 7 from t", false));
        queries.add(new Query("select k1, k2, i / 7, bi / 1000, dc / 3 from t",
                "select k1, k2, cast(i as decimal(38, 10)) / 7, cast(bi as decimal(38, 10)) / 1000, cast(dc as decimal(38, 10)) / 3 from t", false));
        queries.add(same("select k1, k2, coalesce(v, 'nil'), ifnull(c, '?'), nullif(k2, 'a') from t"));
        queries.add(same("select k1, k2, case when i > 0 then 'pos' when i < 0 then 'neg' else 'zero' end from t"));
        queries.add(new Query("select k1, k2, concat(v, '-', k2), upper(v), lower(k2), char_length(s), substring(s, 2, 3) from t",
                "select k1, k2, v || '-' || k2, upper(v), lower(k2), char_length(s), substring(s, 2, 3) from t", false));
        queries.add(new Query("select k1, k2, datediff(dt, '2024-01-01'), date_add(dt, interval 3 day), year(ts), hour(ts) from t",
                "select k1, k2, datediff('DAY', date '2024-01-01', dt), dateadd('DAY', 3, dt), year(ts), hour(ts) from t", false));
        queries.add(same("select k1, k2, round(dc, 1), floor(d), ceil(f) from t"));
        queries.add(same("select k1, k2, ti > 0, b or si < 0 from t"));
        return List.copyOf(queries);
    }

    /** A few queries that read every row and column of both tables, for after a restart. */
    static List<Query> afterRestart()
    {
        return List.of(
                same("select * from t"),
                same("select * from dim"),
                same("select count(*), sum(i), sum(bi), sum(li), sum(d), sum(dc), min(s), max(ts), count(distinct v) from t"),
                same("select k2, count(*), avg(i), avg(dc), max(dt) from t group by k2"));
    }

    /** The same text for both, but for what H2 must be told: exact averages, and quotes doubled instead of escaped. */
    private static Query same(String sql)
    {
        return new Query(sql, h2Text(sql), false);
    }

    private static Query ordered(String sql)
    {
        return new Query(sql, h2Text(sql), true);
    }

    static String h2Text(String sql)
    {
        StringBuilder text = new StringBuilder();
        Matcher average = AVERAGE.matcher(sql);
        while (average.find()) {
            String column = average.group(2);
            String qualified = (average.group(1) == null ? "" : average.group(1)) + column;
            String replacement = EXACT_COLUMNS.contains(column) ? "avg(cast(" + qualified + " as decimal(38, 10)))" : average.group();
            average.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        average.appendTail(text);
        StringBuilder unescaped = new StringBuilder();
        Matcher literal = STRING_LITERAL.matcher(text);
        while (literal.find()) {
            String value = literal.group(1).replaceAll("\\\\(.)", "$1");
            literal.appendReplacement(unescaped, Matcher.quoteReplacement("'" + value.replace("'", "''") + "'"));
        }
        literal.appendTail(unescaped);
        return unescaped.toString();
    }
}
