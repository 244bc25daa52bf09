package io.sluice.server.calcite;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static io.sluice.server.calcite.TestDatabase.column;
import static io.sluice.server.calcite.TestDatabase.decimal;
import static io.sluice.server.calcite.TestDatabase.key;
import static io.sluice.storage.type.ColumnType.BIGINT;
import static io.sluice.storage.type.ColumnType.BOOLEAN;
import static io.sluice.storage.type.ColumnType.DATE;
import static io.sluice.storage.type.ColumnType.DATETIME;
import static io.sluice.storage.type.ColumnType.TINYINT;
import static io.sluice.storage.type.ColumnType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans Calcite makes with the push-down rules, read from EXPLAIN: the benchmark's queries run entirely in the
 * storage executor, and work the executor cannot do exactly stays in Calcite above the scan.
 */
class PushDownPlanTest
{
    @TempDir
    static Path directory;

    private static TestDatabase database;

    @BeforeAll
    static void setUp()
    {
        database = new TestDatabase(directory);
        SalesTables.create(database);
        database.createTable("events", KeyModel.DUPLICATE,
                key("id", BIGINT), column("flag", BOOLEAN), column("small", TINYINT), decimal("amount", 10, 2),
                column("name", VARCHAR), column("created", DATETIME), column("event_day", DATE));
        database.createTable("totals", KeyModel.AGGREGATE,
                key("k", VARCHAR), new ColumnSchema("total", BIGINT, 0, 0, true, false, AggregationFunction.SUM, Optional.empty(), ""));
    }

    @AfterAll
    static void tearDown()
    {
        database.close();
    }

    @Test
    void groupByWithOrderRunsInTheExecutor()
    {
        assertThat(database.explain("select category, count(*), sum(quantity), avg(price) from sales group by category order by category"))
                .isEqualTo(scanOnly("sales", "groupBy=[category], aggregates=[COUNT(*), SUM(quantity), AVG(price)], orderBy=[$0 NULLS FIRST]"));
    }

    @Test
    void topGroupsRunInTheExecutor()
    {
        assertThat(database.explain("select customer, count(*) as orders, sum(quantity) as items from sales group by customer order by items desc, customer limit 10"))
                .isEqualTo(scanOnly("sales", "groupBy=[customer], aggregates=[COUNT(*), SUM(quantity)], orderBy=[$2 DESC NULLS LAST, $0 NULLS FIRST], limit=[10]"));
    }

    @Test
    void countDistinctRunsInTheExecutor()
    {
        assertThat(database.explain("select count(distinct customer) from sales"))
                .isEqualTo(scanOnly("sales", "groupBy=[], aggregates=[COUNT(DISTINCT customer)]"));
    }

    @Test
    void topRowsRunInTheExecutor()
    {
        assertThat(database.explain("select id, customer, price from sales order by price desc, id limit 10"))
                .isEqualTo(scanOnly("sales", "projection=[id, customer, price], orderBy=[$2 DESC NULLS LAST, $0 NULLS FIRST], limit=[10]"));
    }

    @Test
    void projectionOfASortedScanRenumbersTheSort()
    {
        assertThat(database.explain("select price, id from (select * from sales order by price desc, id limit 5) t order by price desc, id"))
                .isEqualTo(scanOnly("sales", "projection=[price, id], orderBy=[$0 DESC NULLS LAST, $1 NULLS FIRST], limit=[5]"));
    }

    @Test
    void filteredAggregateRunsInTheExecutor()
    {
        assertThat(database.explain("select count(*), sum(price) from sales where category = 'books' and quantity > 10 and sale_date >= date '2024-01-01'"))
                .isEqualTo(scanOnly("sales", "filter=[AND(=(category, 'books'), >(quantity, 10), >=(sale_date, 19723))], groupBy=[], aggregates=[COUNT(*), SUM(price)]"));
    }

    @Test
    void globalAggregatesRunInTheExecutor()
    {
        assertThat(database.explain("select sum(quantity), avg(price), min(sale_date), max(sale_date) from sales"))
                .isEqualTo(scanOnly("sales", "groupBy=[], aggregates=[SUM(quantity), AVG(price), MIN(sale_date), MAX(sale_date)]"));
    }

    @Test
    void averageOfIntegersIsComputedExactlyFromSumAndCount()
    {
        assertThat(database.explain("select avg(quantity) from sales"))
                .isEqualTo(scanOnly("sales", "groupBy=[], aggregates=[SUM(quantity), COUNT(quantity)], outputs=[$0 / $1 (scale 4)]"));
    }

    @Test
    void joinedFactTableIsAggregatedInTheExecutorBeforeTheJoin()
    {
        String plan = database.explain("select st.region, count(*), sum(s.quantity) from sales s join stores st on s.store_id = st.id group by st.region order by st.region");
        assertThat(plan)
                .contains("Join")
                .contains("EnumerableSluiceTableScan(table=[[shop, sales]], groupBy=[store_id], aggregates=[COUNT(*), SUM(quantity)])")
                .contains("EnumerableSluiceTableScan(table=[[shop, stores]], groupBy=[id, region], aggregates=[COUNT(*)])");
    }

    @Test
    void joinWithoutAggregateReadsOnlyTheColumnsItNeeds()
    {
        String plan = database.explain("select st.region, s.quantity from sales s join stores st on s.store_id = st.id");
        assertThat(plan)
                .contains("Join")
                .contains("EnumerableSluiceTableScan(table=[[shop, sales]], projection=[store_id, quantity])")
                .contains("EnumerableSluiceTableScan(table=[[shop, stores]], projection=[id, region])");
    }

    @Test
    void limitWithOffset()
    {
        assertThat(database.explain("select * from sales limit 3, 5"))
                .isEqualTo(scanOnly("sales", "offset=[3], limit=[5]"));
    }

    @Test
    void conditionsTheExecutorCannotEvaluateStayAbove()
    {
        String plan = database.explain("select id from sales where quantity > 10 and mod(quantity, 3) = 1");
        assertThat(plan).contains("filter=[>(quantity, 10)]").contains("MOD(");
        assertThat(lines(plan)).isEqualTo(2);
    }

    @Test
    void computedExpressionsStayAboveANarrowScan()
    {
        String plan = database.explain("select quantity * 2 from sales where category = 'books'");
        assertThat(plan)
                .startsWith("EnumerableCalc")
                .contains("EnumerableSluiceTableScan(table=[[shop, sales]], filter=[=(category, 'books')], projection=[quantity])");
    }

    @Test
    void havingIsNotAScanFilter()
    {
        String plan = database.explain("select category, count(*) c from sales group by category having count(*) > 5");
        assertThat(plan)
                .contains("EnumerableSluiceTableScan(table=[[shop, sales]], groupBy=[category], aggregates=[COUNT(*)])")
                .doesNotContain("filter=");
        assertThat(lines(plan)).isEqualTo(2);
    }

    @Test
    void noAggregationOverALimitedScan()
    {
        String plan = database.explain("select count(*) from (select * from sales limit 10) t");
        assertThat(plan).contains("EnumerableAggregate").contains("limit=[10]").doesNotContain("aggregates=");
    }

    @Test
    void noFilterOverASortedAndLimitedScan()
    {
        String plan = database.explain("select id from (select * from sales order by id limit 10) t where quantity > 5");
        assertThat(plan).contains("limit=[10]").doesNotContain("filter=");
    }

    @Test
    void sortByAnExactAverageStaysAbove()
    {
        String plan = database.explain("select category, avg(quantity) a from sales group by category order by a");
        assertThat(plan).startsWith("EnumerableSort").contains("aggregates=[SUM(quantity), COUNT(quantity)]").doesNotContain("orderBy=");
    }

    @Test
    void predicateShapes()
    {
        assertThat(filterOf("select id from sales where customer like 'c1%' or quantity in (1, 2, 3)"))
                .isEqualTo("OR(LIKE(customer, 'c1%'), IN(quantity, 1, 2, 3))");
        assertThat(filterOf("select id from sales where quantity not in (1, 2)"))
                .isEqualTo("NOT IN(quantity, 1, 2)");
        assertThat(filterOf("select id from sales where quantity between 3 and 5"))
                .isEqualTo("AND(>=(quantity, 3), <=(quantity, 5))");
        assertThat(filterOf("select id from sales where not (customer like 'c1%')"))
                .isEqualTo("NOT LIKE(customer, 'c1%')");
        assertThat(filterOf("select id from sales where 10 < quantity"))
                .isEqualTo(">(quantity, 10)");
        assertThat(filterOf("select id from sales where price >= 2"))
                .isEqualTo(">=(price, 2.0)");
        assertThat(filterOf("select id from events where name is null or small is not null"))
                .isEqualTo("OR(IS NULL(name), IS NOT NULL(small))");
        assertThat(filterOf("select id from events where flag"))
                .isEqualTo("=(flag, 1)");
    }

    @Test
    void likePatternsBecomeMysqlPatterns()
    {
        // MySQL's LIKE escapes with a backslash by default, as the executor's patterns do; a backslash before another
        // character than % _ \ stands for that character
        assertThat(filterOf("select id from events where name like 'a\\\\\\\\b%'"))
                .isEqualTo("LIKE(name, 'a\\\\b%')");
        assertThat(filterOf("select id from events where name like 'a\\\\_%'"))
                .isEqualTo("LIKE(name, 'a\\_%')");
        assertThat(filterOf("select id from events where name like 'a\\\\b%'"))
                .isEqualTo("LIKE(name, 'ab%')");
        assertThat(filterOf("select id from events where name like 'a!%%' escape '!'"))
                .isEqualTo("LIKE(name, 'a\\%%')");
    }

    @Test
    void temporalLiterals()
    {
        assertThat(filterOf("select id from events where event_day = date '2024-01-02'"))
                .isEqualTo("=(event_day, 19724)");
        // DATETIME is stored in microseconds and seen in milliseconds: equality is a range of a thousand microseconds
        assertThat(filterOf("select id from events where created = timestamp '2024-01-02 03:04:05'"))
                .isEqualTo("AND(>=(created, 1704164645000000), <(created, 1704164645001000))");
        assertThat(filterOf("select id from events where created > timestamp '2024-01-02 03:04:05'"))
                .isEqualTo(">=(created, 1704164645001000)");
    }

    @Test
    void literalsTheColumnCannotHoldAreNotPushed()
    {
        assertThat(database.explain("select id from sales where quantity = 1.5")).doesNotContain("filter=");
        // exact numbers are stored as text: equality on the canonical text is exact, order is not
        assertThat(filterOf("select id from events where amount = 12.5")).isEqualTo("=(amount, '12.50')");
        assertThat(database.explain("select id from events where amount > 12.5")).doesNotContain("filter=");
        assertThat(database.explain("select id from events where amount = 12.505")).doesNotContain("filter=");
    }

    @Test
    void decimalAggregatesThatNeedNumericOrderStayAbove()
    {
        String plan = database.explain("select sum(amount), max(amount) from events");
        assertThat(plan).contains("EnumerableAggregate").doesNotContain("aggregates=");
    }

    @Test
    void aggregateModelTablesArePushedToo()
    {
        assertThat(database.explain("select k, sum(total) from totals group by k"))
                .isEqualTo(scanOnly("totals", "groupBy=[k], aggregates=[SUM(total)]"));
    }

    private String filterOf(String sql)
    {
        String plan = database.explain(sql);
        int start = plan.indexOf("filter=[");
        assertThat(start).as("filter in %s", plan).isNotNegative();
        int depth = 0;
        int end = start + "filter=[".length();
        for (; end < plan.length(); end++) {
            char c = plan.charAt(end);
            if (c == '[' || c == '(') {
                depth++;
            }
            else if (c == ')' || (c == ']' && depth > 0)) {
                depth--;
            }
            else if (c == ']') {
                break;
            }
        }
        return plan.substring(start + "filter=[".length(), end);
    }

    private static long lines(String plan)
    {
        return plan.strip().lines().count();
    }

    private static String scanOnly(String table, String terms)
    {
        return "EnumerableSluiceTableScan(table=[[shop, " + table + "]], " + terms + ")\n";
    }
}
