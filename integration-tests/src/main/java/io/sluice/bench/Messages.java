package io.sluice.bench;

import java.nio.charset.StandardCharsets;

/**
 * The message shapes of the benchmarks: Story A users (JSON and CSV) and Story B purchases (JSON).
 */
final class Messages
{
    private static final String[] STATUSES = {"active", "inactive", "pending", "banned"};
    private static final String[] COUNTRIES = {"US", "UK", "FR", "DE", "CN", "JP", "BR", "IN"};

    private Messages() {}

    /** Story A: {@code {"id": 1, "name": "user1", "timestamp": "2023-11-10T12:00:00", "status": "active"}}, ~90 bytes. */
    static byte[] user(long id)
    {
        return ("{\"id\": " + id + ", \"name\": \"user" + id + "\", \"timestamp\": \"2023-11-10T12:" + two(id / 60 % 60) + ":" + two(id % 60)
                + "\", \"status\": \"" + STATUSES[(int) (id % STATUSES.length)] + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Story A as CSV with tab separators. */
    static byte[] userCsv(long id)
    {
        return (id + "\tuser" + id + "\t2023-11-10T12:" + two(id / 60 % 60) + ":" + two(id % 60) + "\t" + STATUSES[(int) (id % STATUSES.length)])
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Story B: a purchase; 1000 commodities x 8 countries, so an AGGREGATE table keeps at most 8000 rows. */
    static byte[] purchase(long id)
    {
        return ("{\"commodity_id\": \"" + (id % 1000) + "\", \"customer_name\": \"customer" + (id % 1000) + "\", \"country\": \""
                + COUNTRIES[(int) (id % COUNTRIES.length)] + "\",\"pay_time\": 1589191487,\"price\": " + (id % 1000 + 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Distinct AGGREGATE KEY rows among purchases 1..n. */
    static long distinctPurchaseKeys(long messages)
    {
        // commodity = id % 1000 and country = id % 8 are both functions of id % 1000 (8 divides 1000).
        return Math.min(messages, 1000);
    }

    private static String two(long value)
    {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
