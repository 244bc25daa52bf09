package io.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryDataTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void messagesCarryTheSameValuesAsTheColumns()
            throws IOException
    {
        QueryData data = new QueryData(10_000);
        for (long id = 1; id <= 10_000; id += 37) {
            JsonNode sale = JSON.readTree(data.saleJson(id));
            assertThat(sale.get("id").asLong()).isEqualTo(id);
            assertThat(sale.get("store_id").asInt()).isEqualTo(data.storeId(id));
            assertThat(sale.get("customer").asText()).isEqualTo(data.customer(id));
            assertThat(sale.get("category").asText()).isEqualTo(data.category(id));
            assertThat(sale.get("quantity").asInt()).isEqualTo(data.quantity(id));
            // The text must parse to exactly the double the embedded engines get.
            assertThat(Double.parseDouble(sale.get("price").asText())).isEqualTo(data.price(id));
            assertThat(sale.get("sale_date").asText()).isEqualTo(data.saleDate(id).toString());
            assertThat(data.saleDate(id).toEpochDay()).isEqualTo(data.saleEpochDay(id));

            JsonNode user = JSON.readTree(QueryData.userJson(id));
            assertThat(user.get("id").asLong()).isEqualTo(id);
            assertThat(user.get("name").asText()).isEqualTo(QueryData.userName(id));
            assertThat(user.get("timestamp").asText()).isEqualTo(QueryData.userTimestamp(id));
            assertThat(user.get("status").asText()).isEqualTo(QueryData.userStatus(id));
        }
    }

    @Test
    void usersAreStoryAsUsers()
    {
        for (long id = 1; id <= 5000; id += 61) {
            assertThat(QueryData.userJson(id)).isEqualTo(Messages.user(id));
        }
    }

    @Test
    void pricesWithFewCentsKeepTheirLeadingZero()
            throws IOException
    {
        QueryData data = new QueryData(100_000);
        boolean sawSmallFraction = false;
        for (long id = 1; id <= 100_000; id++) {
            if (data.priceCents(id) % 100 < 10) {
                sawSmallFraction = true;
                assertThat(JSON.readTree(data.saleJson(id)).get("price").asDouble()).isEqualTo(data.price(id));
            }
        }
        assertThat(sawSmallFraction).isTrue();
    }

    @Test
    void columnsHaveTheirIntendedCardinalities()
    {
        QueryData data = new QueryData(50_000);
        Set<String> categories = new HashSet<>();
        Set<String> customers = new HashSet<>();
        Set<Integer> stores = new HashSet<>();
        for (long id = 1; id <= data.rows(); id++) {
            categories.add(data.category(id));
            customers.add(data.customer(id));
            stores.add(data.storeId(id));
            assertThat(data.quantity(id)).isBetween(1, 20);
            assertThat(data.priceCents(id)).isBetween(1L, 100_000L);
            assertThat(data.saleDay(id)).isBetween(0, QueryData.SALE_DAYS - 1);
        }
        assertThat(categories).hasSize(QueryData.CATEGORIES.length);
        assertThat(stores).hasSize(QueryData.STORES);
        assertThat(stores).allMatch(store -> store >= 1 && store <= QueryData.STORES);
        assertThat(customers.size()).isBetween(4_000, 5_000);
    }

    @Test
    void generationIsDeterministic()
    {
        assertThat(new QueryData(1000).saleJson(123)).isEqualTo(new QueryData(1000).saleJson(123));
    }

    @Test
    void rejectsAnEmptyDataSet()
    {
        assertThatThrownBy(() -> new QueryData(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
