package io.sluice.server.calcite;

import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.sluice.server.calcite.TestDatabase.key;
import static io.sluice.server.calcite.TestDatabase.notNull;
import static io.sluice.server.calcite.TestDatabase.row;
import static io.sluice.storage.type.ColumnType.BIGINT;
import static io.sluice.storage.type.ColumnType.DATE;
import static io.sluice.storage.type.ColumnType.DOUBLE;
import static io.sluice.storage.type.ColumnType.INT;
import static io.sluice.storage.type.ColumnType.VARCHAR;

/**
 * The benchmark's tables at a small size: {@code sales} (DUPLICATE KEY) and {@code stores} (PRIMARY KEY), with the
 * rows kept here so that tests can compute expected answers. Prices are multiples of 0.25, so double sums are exact.
 */
final class SalesTables
{
    static final int SALES = 200;
    static final int STORES = 5;
    static final List<String> CATEGORIES = List.of("books", "games", "music", "toys");
    static final LocalDate FIRST_DAY = LocalDate.of(2023, 12, 25);

    record Sale(long id, int storeId, String customer, String category, int quantity, double price, LocalDate saleDate) {}

    record Store(int id, String name, String region) {}

    private SalesTables() {}

    static List<Sale> sales()
    {
        List<Sale> sales = new ArrayList<>();
        for (int i = 1; i <= SALES; i++) {
            sales.add(new Sale(i, i % STORES + 1, "c" + (i * 7 % 17), CATEGORIES.get(i % CATEGORIES.size()), i % 23, (i % 50) * 1.25 + 0.5, FIRST_DAY.plusDays(i % 20)));
        }
        return sales;
    }

    static List<Store> stores()
    {
        List<Store> stores = new ArrayList<>();
        for (int id = 1; id <= STORES; id++) {
            stores.add(new Store(id, "store" + id, id % 2 == 0 ? "north" : "south"));
        }
        return stores;
    }

    /** Creates both tables; sales arrive in two batches (two segments). */
    static void create(TestDatabase database)
    {
        TableInfo sales = database.createTable("sales", KeyModel.DUPLICATE,
                key("id", BIGINT), notNull("store_id", INT), notNull("customer", VARCHAR), notNull("category", VARCHAR),
                notNull("quantity", INT), notNull("price", DOUBLE), notNull("sale_date", DATE));
        List<Object[]> rows = new ArrayList<>();
        for (Sale sale : sales()) {
            rows.add(row(sale.id(), sale.storeId(), sale.customer(), sale.category(), sale.quantity(), sale.price(), sale.saleDate()));
        }
        database.insert(sales, rows.subList(0, SALES / 2));
        database.insert(sales, rows.subList(SALES / 2, SALES));

        TableInfo stores = database.createTable("stores", KeyModel.PRIMARY, key("id", INT), notNull("name", VARCHAR), notNull("region", VARCHAR));
        List<Object[]> storeRows = new ArrayList<>();
        for (Store store : stores()) {
            storeRows.add(row(store.id(), store.name(), store.region()));
        }
        database.insert(stores, storeRows);
    }
}
