package io.sluice.server.information;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnDescriptionTest
{
    @Test
    void typesAsMysqlNamesThem()
    {
        assertThat(describe(ColumnType.BOOLEAN, 0, 0).columnType()).isEqualTo("tinyint(1)");
        assertThat(describe(ColumnType.INT, 0, 0).columnType()).isEqualTo("int(11)");
        assertThat(describe(ColumnType.STRING, 0, 0).columnType()).isEqualTo("varchar(65533)");
        assertThat(describe(ColumnType.LARGEINT, 0, 0).dataType()).isEqualTo("decimal");
        ColumnDescription decimal = describe(ColumnType.DECIMAL, 10, 2);
        assertThat(decimal.columnType()).isEqualTo("decimal(10,2)");
        assertThat(decimal.numericPrecision()).isEqualTo(10L);
        assertThat(decimal.numericScale()).isEqualTo(2L);
        assertThat(decimal.characterSetName()).isNull();
        ColumnDescription varchar = describe(ColumnType.VARCHAR, 32, 0);
        assertThat(varchar.characterMaximumLength()).isEqualTo(32L);
        assertThat(varchar.characterOctetLength()).isEqualTo(128L);
        assertThat(varchar.collationName()).isEqualTo("utf8mb4_general_ci");
        assertThat(describe(ColumnType.DATETIME, 0, 0).datetimePrecision()).isEqualTo(0L);
    }

    @Test
    void keyColumnsArePrimaryUnlessDuplicateKey()
    {
        ColumnSchema key = new ColumnSchema("k", ColumnType.INT, 0, 0, false, true, AggregationFunction.NONE, Optional.empty(), "");
        assertThat(ColumnDescription.of(key, KeyModel.PRIMARY).columnKey()).isEqualTo("PRI");
        assertThat(ColumnDescription.of(key, KeyModel.UNIQUE).columnKey()).isEqualTo("PRI");
        assertThat(ColumnDescription.of(key, KeyModel.AGGREGATE).columnKey()).isEqualTo("PRI");
        assertThat(ColumnDescription.of(key, KeyModel.DUPLICATE).columnKey()).isEmpty();
        ColumnSchema summed = new ColumnSchema("v", ColumnType.BIGINT, 0, 0, true, false, AggregationFunction.SUM, Optional.empty(), "");
        assertThat(ColumnDescription.of(summed, KeyModel.AGGREGATE).extra()).isEqualTo("SUM");
    }

    private static ColumnDescription describe(ColumnType type, int length, int scale)
    {
        return ColumnDescription.of(new ColumnSchema("c", type, length, scale, true, false, AggregationFunction.NONE, Optional.empty(), ""), KeyModel.DUPLICATE);
    }
}
