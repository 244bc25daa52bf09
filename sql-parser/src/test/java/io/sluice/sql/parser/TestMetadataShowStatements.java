package io.sluice.sql.parser;

import io.sluice.sql.ast.SqlShowMetadata;
import org.junit.jupiter.api.Test;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

class TestMetadataShowStatements
{
    @Test
    void showColumns()
    {
        SqlShowMetadata columns = parse("SHOW FULL COLUMNS FROM users FROM automq_db", SqlShowMetadata.class);
        assertThat(columns.kind()).isEqualTo(SqlShowMetadata.Kind.COLUMNS);
        assertThat(columns.full()).isTrue();
        assertThat(columns.databaseName()).isEqualTo("automq_db");
        assertThat(columns.objectName()).isEqualTo("users");
        assertRoundTrip(columns);

        SqlShowMetadata fields = parse("show fields in d.users like 'a%'", SqlShowMetadata.class);
        assertThat(fields.full()).isFalse();
        assertThat(fields.databaseName()).isEqualTo("d");
        assertThat(fields.likePattern()).isEqualTo("a%");
        assertRoundTrip(fields);

        assertThat(parse("show columns from t where `Key` = 'PRI'", SqlShowMetadata.class).where()).isNotNull();
    }

    @Test
    void showTableStatusIndexAndCreateDatabase()
    {
        SqlShowMetadata status = parse("show table status from shop like 'o%'", SqlShowMetadata.class);
        assertThat(status.kind()).isEqualTo(SqlShowMetadata.Kind.TABLE_STATUS);
        assertThat(status.databaseName()).isEqualTo("shop");
        assertRoundTrip(status);
        assertThat(parse("SHOW TABLE STATUS", SqlShowMetadata.class).databaseName()).isNull();

        for (String keyword : new String[] {"index", "indexes", "keys"}) {
            SqlShowMetadata index = parse("show " + keyword + " from orders from shop", SqlShowMetadata.class);
            assertThat(index.kind()).isEqualTo(SqlShowMetadata.Kind.INDEX);
            assertThat(index.databaseName()).isEqualTo("shop");
            assertThat(index.objectName()).isEqualTo("orders");
        }

        SqlShowMetadata database = parse("show create database if not exists shop", SqlShowMetadata.class);
        assertThat(database.kind()).isEqualTo(SqlShowMetadata.Kind.CREATE_DATABASE);
        assertThat(database.full()).isTrue();
        assertThat(database.objectName()).isEqualTo("shop");
        assertThat(database.databaseName()).isNull();
        assertRoundTrip(database);
    }

    @Test
    void showServerListings()
    {
        assertThat(parse("show count(*) warnings", SqlShowMetadata.class).kind()).isEqualTo(SqlShowMetadata.Kind.COUNT_WARNINGS);
        assertThat(parse("SHOW COUNT( * ) ERRORS", SqlShowMetadata.class).kind()).isEqualTo(SqlShowMetadata.Kind.COUNT_ERRORS);
        assertThat(parse("show charset like 'utf8%'", SqlShowMetadata.class).kind()).isEqualTo(SqlShowMetadata.Kind.CHARSET);
        assertThat(parse("show character set", SqlShowMetadata.class).kind()).isEqualTo(SqlShowMetadata.Kind.CHARSET);
        assertThat(parse("show collation where Charset = 'utf8mb4'", SqlShowMetadata.class).kind()).isEqualTo(SqlShowMetadata.Kind.COLLATION);
        assertThat(parse("show engines", SqlShowMetadata.class).kind()).isEqualTo(SqlShowMetadata.Kind.ENGINES);
        syntaxError("show count(x) warnings");
    }

    @Test
    void newKeywordsRemainNames()
    {
        parse("select status, keys, `index`, cardinality, charset, engines from t", org.apache.calcite.sql.SqlSelect.class);
        parse("select a from t where b collate utf8mb4_bin = 'x'", org.apache.calcite.sql.SqlSelect.class);
    }
}
