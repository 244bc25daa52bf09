package io.sluice.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Sluice as users run it: a {@code bin/sluice} JVM, tables filled by routine loads from pre-produced Kafka topics
 * (there is no INSERT), queried through the MySQL protocol with Connector/J.
 */
final class SluiceQueryEngine
        implements QueryEngine
{
    private static final String SALES_TOPIC = "query_sales";
    private static final String USERS_TOPIC = "query_users";
    private static final String STORES_TOPIC = "query_stores";
    private static final long LOAD_TIMEOUT_SECONDS = 3600;

    private final BenchContext context;
    private static final int SETTLE_TIMEOUT_SECONDS = 300;

    private final SluiceProcess sluice;
    private Connection connection;

    private SluiceQueryEngine(BenchContext context, SluiceProcess sluice)
    {
        this.context = context;
        this.sluice = sluice;
    }

    /** Produces the data set to Kafka once, before any engine is timed. */
    static void produceTopics(BenchContext context, QueryData data)
    {
        int partitions = context.options().partitions();
        String bootstrap = context.bootstrapServers();
        TopicLoader.createTopic(bootstrap, SALES_TOPIC, partitions);
        TopicLoader.createTopic(bootstrap, USERS_TOPIC, partitions);
        TopicLoader.createTopic(bootstrap, STORES_TOPIC, 1);
        TopicLoader.produce(bootstrap, SALES_TOPIC, partitions, data.rows(), data::saleJson);
        TopicLoader.produce(bootstrap, USERS_TOPIC, partitions, data.rows(), QueryData::userJson);
        TopicLoader.produce(bootstrap, STORES_TOPIC, 1, QueryData.STORES, QueryData::storeJson);
    }

    static SluiceQueryEngine start(BenchContext context)
    {
        return new SluiceQueryEngine(context, context.startSluice("query-sluice"));
    }

    @Override
    public String name()
    {
        return "sluice";
    }

    @Override
    public String loadMethod()
    {
        return "routine load from Kafka (pre-produced), 3 jobs at once";
    }

    @Override
    public void load(QueryData data)
            throws SQLException
    {
        try (Connection setup = sluice.connect(null)) {
            SluiceJobs.execute(setup, "create database bench");
        }
        connection = sluice.connect("bench");
        SluiceJobs.execute(connection, "create table sales (id bigint NOT NULL, store_id int NOT NULL, customer varchar(32) NOT NULL, "
                + "category varchar(16) NOT NULL, quantity int NOT NULL, price double NOT NULL, sale_date date NOT NULL) "
                + "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) PROPERTIES (\"replication_num\" = \"1\")");
        SluiceJobs.execute(connection, SluiceJobs.usersTable("users", "PRIMARY KEY"));
        SluiceJobs.execute(connection, "create table stores (id int NOT NULL, name varchar(32) NOT NULL, region varchar(16) NOT NULL) "
                + "PRIMARY KEY(id) DISTRIBUTED BY HASH(id) PROPERTIES (\"replication_num\" = \"1\")");
        // Fields map to columns by name (no jsonpaths); users keep Story A's job with jsonpaths.
        SluiceJobs.execute(connection, job("load_sales", "sales", "id, store_id, customer, category, quantity, price, sale_date", SALES_TOPIC));
        SluiceJobs.execute(connection, SluiceJobs.jsonJob("load_users", "users", context.bootstrapServers(), USERS_TOPIC));
        SluiceJobs.execute(connection, job("load_stores", "stores", "id, name, region", STORES_TOPIC));
        SluiceJobs.awaitLoadedRows(connection, "load_sales", data.rows(), LOAD_TIMEOUT_SECONDS);
        SluiceJobs.awaitLoadedRows(connection, "load_users", data.rows(), LOAD_TIMEOUT_SECONDS);
        SluiceJobs.awaitLoadedRows(connection, "load_stores", QueryData.STORES, LOAD_TIMEOUT_SECONDS);
    }

    @Override
    public void settle()
    {
        sluice.awaitIdle(SETTLE_TIMEOUT_SECONDS);
    }

    private String job(String job, String table, String columns, String topic)
    {
        return "CREATE ROUTINE LOAD " + job + " ON " + table + " COLUMNS(" + columns + ") PROPERTIES (\"format\" = \"json\") "
                + "FROM KAFKA (\"kafka_broker_list\" = \"" + context.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\", "
                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")";
    }

    @Override
    public Connection connection()
    {
        if (connection == null) {
            throw new IllegalStateException("Sluice is not loaded yet");
        }
        return connection;
    }

    @Override
    public OptionalLong peakResidentBytes()
    {
        long bytes = sluice.peakResidentBytes();
        return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    @Override
    public void close()
    {
        try {
            if (connection != null) {
                connection.close();
            }
        }
        catch (SQLException ignored) {
            // the server goes away next anyway
        }
        finally {
            sluice.close();
        }
    }
}
