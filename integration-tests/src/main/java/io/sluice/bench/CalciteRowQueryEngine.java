package io.sluice.bench;

import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * The "plain Calcite, row-at-a-time" peer: the data set in this JVM as plain Java arrays, one per column, behind
 * {@link ArrayScanTable}s, queried through Calcite's own JDBC driver ({@code jdbc:calcite:}). Calcite parses, plans,
 * generates code with Janino and runs its Enumerable operators over one boxed Object[] per row, which is what Sluice
 * started from and what its vectorized executor is measured against. MySQL lexical rules (unquoted names keep their
 * case and match case-insensitively) let the benchmark's SQL run unchanged.
 */
final class CalciteRowQueryEngine
        implements QueryEngine
{
    static final String NAME = "calcite-rows";

    private static final String SCHEMA = "bench";
    private static final int MAX_ROWS = Integer.MAX_VALUE - 8;

    private final CalciteConnection connection;
    private boolean loaded;

    private CalciteRowQueryEngine(CalciteConnection connection)
    {
        this.connection = requireNonNull(connection, "connection is null");
    }

    static CalciteRowQueryEngine open()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("lex", "MYSQL");
        properties.setProperty("typeSystem", WideSumTypeSystem.class.getName());
        Connection connection = DriverManager.getConnection("jdbc:calcite:", properties);
        try {
            return new CalciteRowQueryEngine(connection.unwrap(CalciteConnection.class));
        }
        catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Major.minor of the Calcite on the classpath, for the method description. */
    static String calciteVersion()
    {
        Driver driver = new Driver();
        return driver.getMajorVersion() + "." + driver.getMinorVersion();
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String loadMethod()
    {
        return "embedded, Java arrays per column, ScannableTable (one Object[] per row)";
    }

    @Override
    public void load(QueryData data)
            throws SQLException
    {
        if (loaded) {
            throw new IllegalStateException("already loaded");
        }
        if (data.rows() > MAX_ROWS) {
            throw new IllegalArgumentException(NAME + " holds a column in one Java array, so at most " + MAX_ROWS + " rows, not " + data.rows());
        }
        SchemaPlus schema = connection.getRootSchema().add(SCHEMA, new AbstractSchema());
        schema.add("sales", sales(data));
        schema.add("users", users((int) data.rows()));
        schema.add("stores", stores());
        connection.setSchema(SCHEMA);
        loaded = true;
    }

    private static ArrayScanTable sales(QueryData data)
    {
        int rows = (int) data.rows();
        long[] ids = new long[rows];
        int[] storeIds = new int[rows];
        String[] customers = new String[rows];
        String[] categories = new String[rows];
        int[] quantities = new int[rows];
        double[] prices = new double[rows];
        int[] saleDates = new int[rows];
        // One String per customer shared by its sales keeps the heap near the arrays' size; the per-row work is the same.
        String[] customerNames = new String[(int) data.customers()];
        for (int row = 0; row < rows; row++) {
            long id = row + 1;
            ids[row] = id;
            storeIds[row] = data.storeId(id);
            int customer = (int) data.customerNumber(id) - 1;
            if (customerNames[customer] == null) {
                customerNames[customer] = QueryData.customerName(customer + 1);
            }
            customers[row] = customerNames[customer];
            categories[row] = data.category(id);
            quantities[row] = data.quantity(id);
            prices[row] = data.price(id);
            saleDates[row] = data.saleEpochDay(id);
        }
        return new ArrayScanTable(List.of(
                ArrayColumn.bigint("id", ids),
                ArrayColumn.integer("store_id", storeIds),
                ArrayColumn.varchar("customer", 32, customers),
                ArrayColumn.varchar("category", 16, categories),
                ArrayColumn.integer("quantity", quantities),
                ArrayColumn.doublePrecision("price", prices),
                ArrayColumn.date("sale_date", saleDates)));
    }

    private static ArrayScanTable users(int rows)
    {
        long[] ids = new long[rows];
        String[] names = new String[rows];
        String[] timestamps = new String[rows];
        String[] statuses = new String[rows];
        String[] distinctTimestamps = new String[QueryData.USER_TIMESTAMPS];
        for (int row = 0; row < rows; row++) {
            long id = row + 1;
            ids[row] = id;
            names[row] = QueryData.userName(id);
            int timestamp = (int) (id % QueryData.USER_TIMESTAMPS);
            if (distinctTimestamps[timestamp] == null) {
                distinctTimestamps[timestamp] = QueryData.userTimestamp(id);
            }
            timestamps[row] = distinctTimestamps[timestamp];
            statuses[row] = QueryData.userStatus(id);
        }
        return new ArrayScanTable(List.of(
                ArrayColumn.bigint("id", ids),
                ArrayColumn.varchar("name", 64, names),
                ArrayColumn.varchar("timestamp", 32, timestamps),
                ArrayColumn.varchar("status", 16, statuses)));
    }

    private static ArrayScanTable stores()
    {
        int[] ids = new int[QueryData.STORES];
        String[] names = new String[QueryData.STORES];
        String[] regions = new String[QueryData.STORES];
        for (int row = 0; row < QueryData.STORES; row++) {
            int id = row + 1;
            ids[row] = id;
            names[row] = QueryData.storeName(id);
            regions[row] = QueryData.storeRegion(id);
        }
        return new ArrayScanTable(List.of(
                ArrayColumn.integer("id", ids),
                ArrayColumn.varchar("name", 32, names),
                ArrayColumn.varchar("region", 16, regions)));
    }

    @Override
    public Connection connection()
    {
        if (!loaded) {
            throw new IllegalStateException(NAME + " is not loaded yet");
        }
        return connection;
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // closing drops the schema and with it every array; there is nothing else to release
        }
    }
}
