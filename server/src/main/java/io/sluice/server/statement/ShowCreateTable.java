package io.sluice.server.statement;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SHOW CREATE TABLE text in StarRocks' layout. Running it creates a table with the same columns, model,
 * distribution and properties.
 */
final class ShowCreateTable
{
    private ShowCreateTable() {}

    static String render(TableInfo table)
    {
        TableSchema schema = table.schema();
        StringBuilder sql = new StringBuilder("CREATE TABLE `").append(table.name()).append("` (\n");
        List<String> lines = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            lines.add("  " + column(column));
        }
        sql.append(String.join(",\n", lines)).append("\n) ENGINE=OLAP\n");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < schema.keyColumnCount(); i++) {
            keys.add(quote(schema.column(i).name()));
        }
        sql.append(schema.keyModel().name()).append(" KEY(").append(String.join(", ", keys)).append(")\n");
        if (schema.distributionColumns().isEmpty()) {
            sql.append("DISTRIBUTED BY RANDOM");
        }
        else {
            List<String> distribution = new ArrayList<>();
            schema.distributionColumns().forEach(name -> distribution.add(quote(name)));
            sql.append("DISTRIBUTED BY HASH(").append(String.join(", ", distribution)).append(")");
        }
        sql.append(" BUCKETS ").append(schema.buckets());
        if (!schema.properties().isEmpty()) {
            List<String> properties = new ArrayList<>();
            for (Map.Entry<String, String> property : schema.properties().entrySet()) {
                properties.add("\"" + escape(property.getKey()) + "\" = \"" + escape(property.getValue()) + "\"");
            }
            sql.append("\nPROPERTIES (\n").append(String.join(",\n", properties)).append("\n)");
        }
        return sql.append(";").toString();
    }

    private static String column(ColumnSchema column)
    {
        StringBuilder text = new StringBuilder(quote(column.name())).append(' ').append(typeText(column));
        if (column.aggregation() != AggregationFunction.NONE) {
            text.append(' ').append(column.aggregation().name());
        }
        text.append(column.nullable() ? " NULL" : " NOT NULL");
        if (column.defaultValue().isPresent()) {
            String value = column.defaultValue().get();
            text.append(" DEFAULT ").append(value.equalsIgnoreCase("CURRENT_TIMESTAMP") ? "CURRENT_TIMESTAMP" : "\"" + escape(value) + "\"");
        }
        return text.append(" COMMENT \"").append(escape(column.comment())).append('"').toString();
    }

    /** Types as StarRocks prints them, with display widths for the integers. */
    static String typeText(ColumnSchema column)
    {
        return switch (column.type()) {
            case BOOLEAN -> "boolean";
            case TINYINT -> "tinyint(4)";
            case SMALLINT -> "smallint(6)";
            case INT -> "int(11)";
            case BIGINT -> "bigint(20)";
            case LARGEINT -> "largeint(40)";
            default -> column.typeText();
        };
    }

    private static String quote(String name)
    {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String escape(String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
