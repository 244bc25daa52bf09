package io.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The query benchmark's data set, generated deterministically from each row's id so every engine gets the same rows
 * without holding them in memory: a fact table {@code sales} (ints, a double, a date, a low-cardinality and a
 * high-cardinality string), Story A's {@code users} table and a small dimension table {@code stores}.
 */
final class QueryData
{
    static final int STORES = 100;
    static final String[] CATEGORIES = {"books", "games", "music", "garden", "toys", "tools", "food", "sports", "beauty", "office"};
    static final int SALE_DAYS = 730;
    /** {@link #userTimestamp} repeats with this period: a user's timestamp depends only on its id % USER_TIMESTAMPS. */
    static final int USER_TIMESTAMPS = 3600;

    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    private static final String[] STATUSES = {"active", "inactive", "pending", "banned"};
    private static final LocalDate FIRST_SALE_DAY = LocalDate.of(2023, 1, 1);
    // Dates repeat over two years: formatting them once keeps message generation free of per-row date objects.
    private static final LocalDate[] SALE_DATES = new LocalDate[SALE_DAYS];
    private static final String[] SALE_DATE_TEXTS = new String[SALE_DAYS];

    static {
        for (int day = 0; day < SALE_DAYS; day++) {
            SALE_DATES[day] = FIRST_SALE_DAY.plusDays(day);
            SALE_DATE_TEXTS[day] = SALE_DATES[day].toString();
        }
    }

    private final long rows;
    private final long customers;

    QueryData(long rows)
    {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1: " + rows);
        }
        this.rows = rows;
        this.customers = Math.max(1, rows / 10);
    }

    /** Rows of {@code sales} and of {@code users}; ids run from 1 to this. */
    long rows()
    {
        return rows;
    }

    /** Distinct customers of {@code sales} (about rows / 10: the high-cardinality column). */
    long customers()
    {
        return customers;
    }

    int storeId(long id)
    {
        return 1 + (int) Math.floorMod(mix(id, 1), (long) STORES);
    }

    String customer(long id)
    {
        return customerName(customerNumber(id));
    }

    /** The customer of sale {@code id} as a number from 1 to {@link #customers()}; {@link #customer} is its name. */
    long customerNumber(long id)
    {
        return 1 + Math.floorMod(mix(id, 2), customers);
    }

    static String customerName(long number)
    {
        return "customer" + number;
    }

    String category(long id)
    {
        return CATEGORIES[(int) Math.floorMod(mix(id, 3), (long) CATEGORIES.length)];
    }

    int quantity(long id)
    {
        return 1 + (int) Math.floorMod(mix(id, 4), 20L);
    }

    /** Prices have whole cents, so the JSON text and the double every engine stores round to the same value. */
    long priceCents(long id)
    {
        return 1 + Math.floorMod(mix(id, 5), 100_000L);
    }

    double price(long id)
    {
        return priceCents(id) / 100.0;
    }

    int saleDay(long id)
    {
        return (int) Math.floorMod(mix(id, 6), (long) SALE_DAYS);
    }

    LocalDate saleDate(long id)
    {
        return SALE_DATES[saleDay(id)];
    }

    int saleEpochDay(long id)
    {
        return (int) SALE_DATES[saleDay(id)].toEpochDay();
    }

    byte[] saleJson(long id)
    {
        long cents = priceCents(id);
        long fraction = cents % 100;
        return new StringBuilder(140)
                .append("{\"id\": ").append(id)
                .append(", \"store_id\": ").append(storeId(id))
                .append(", \"customer\": \"").append(customer(id))
                .append("\", \"category\": \"").append(category(id))
                .append("\", \"quantity\": ").append(quantity(id))
                .append(", \"price\": ").append(cents / 100).append(fraction < 10 ? ".0" : ".").append(fraction)
                .append(", \"sale_date\": \"").append(SALE_DATE_TEXTS[saleDay(id)])
                .append("\"}")
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    static String storeName(long id)
    {
        return "store" + id;
    }

    static String storeRegion(long id)
    {
        return REGIONS[(int) (id % REGIONS.length)];
    }

    static byte[] storeJson(long id)
    {
        return ("{\"id\": " + id + ", \"name\": \"" + storeName(id) + "\", \"region\": \"" + storeRegion(id) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Story A's users, as in {@link Messages#user}. */
    static String userName(long id)
    {
        return "user" + id;
    }

    static String userTimestamp(long id)
    {
        return "2023-11-10T12:" + twoDigits(id / 60 % 60) + ":" + twoDigits(id % 60);
    }

    static String userStatus(long id)
    {
        return STATUSES[(int) (id % STATUSES.length)];
    }

    static byte[] userJson(long id)
    {
        return ("{\"id\": " + id + ", \"name\": \"" + userName(id) + "\", \"timestamp\": \"" + userTimestamp(id) + "\", \"status\": \""
                + userStatus(id) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String twoDigits(long value)
    {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    /** SplitMix64's finalizer: well-spread values from consecutive ids, a different stream per column. */
    private static long mix(long id, long column)
    {
        long z = id * 0x9E3779B97F4A7C15L + column * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
