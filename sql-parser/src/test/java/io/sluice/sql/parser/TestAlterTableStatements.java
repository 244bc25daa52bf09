package io.sluice.sql.parser;

import io.sluice.sql.ast.ColumnPosition;
import io.sluice.sql.ast.SqlAddColumns;
import io.sluice.sql.ast.SqlAlterTable;
import io.sluice.sql.ast.SqlColumnDefinition;
import io.sluice.sql.ast.SqlDropColumn;
import io.sluice.sql.ast.SqlModifyColumn;
import io.sluice.sql.ast.SqlTruncateTable;
import org.junit.jupiter.api.Test;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

class TestAlterTableStatements
{
    @Test
    void addColumn()
    {
        SqlAlterTable alter = parse("ALTER TABLE shop.orders ADD COLUMN note VARCHAR(64) NOT NULL DEFAULT 'none' COMMENT 'free text' AFTER id",
                SqlAlterTable.class);
        assertThat(alter.databaseName()).isEqualTo("shop");
        assertThat(alter.tableName()).isEqualTo("orders");
        assertThat(alter.clauses()).hasSize(1);
        SqlAddColumns add = (SqlAddColumns) alter.clauses().get(0);
        assertThat(add.columnPosition()).isEqualTo(ColumnPosition.after("id"));
        assertThat(add.columns()).hasSize(1);
        SqlColumnDefinition note = add.columns().get(0);
        assertThat(note.name()).isEqualTo("note");
        assertThat(note.typeName()).isEqualTo("VARCHAR");
        assertThat(note.length()).isEqualTo(64);
        assertThat(note.nullable()).isFalse();
        assertThat(note.defaultValue()).isEqualTo("none");
        assertThat(note.comment()).isEqualTo("free text");
        assertThat(assertRoundTrip(alter))
                .isEqualTo("ALTER TABLE `shop`.`orders` ADD COLUMN `note` VARCHAR(64) NOT NULL DEFAULT 'none' COMMENT 'free text' AFTER `id`");
    }

    @Test
    void addColumnWithoutKeywordAndPositions()
    {
        SqlAddColumns first = (SqlAddColumns) parse("alter table t add c bigint first", SqlAlterTable.class).clauses().get(0);
        assertThat(first.columnPosition()).isEqualTo(ColumnPosition.first());
        assertThat(first.columns().get(0).typeName()).isEqualTo("BIGINT");

        SqlAddColumns last = (SqlAddColumns) parse("alter table t add column c int(11)", SqlAlterTable.class).clauses().get(0);
        assertThat(last.columnPosition().kind()).isEqualTo(ColumnPosition.Kind.DEFAULT);
        assertThat(last.columnPosition().afterColumn()).isNull();

        // FIRST and AFTER stay usable as column names.
        SqlAddColumns named = (SqlAddColumns) parse("alter table t add column first int after after", SqlAlterTable.class).clauses().get(0);
        assertThat(named.columns().get(0).name()).isEqualTo("first");
        assertThat(named.columnPosition()).isEqualTo(ColumnPosition.after("after"));
    }

    @Test
    void addColumnDefaultNull()
    {
        SqlAlterTable alter = parse("ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT NULL, MODIFY COLUMN d INT DEFAULT NULL", SqlAlterTable.class);
        SqlColumnDefinition added = ((SqlAddColumns) alter.clauses().get(0)).columns().get(0);
        assertThat(added.nullDefault()).isTrue();
        assertThat(added.nullable()).isFalse();
        assertThat(((SqlModifyColumn) alter.clauses().get(1)).column().nullDefault()).isTrue();
        assertThat(assertRoundTrip(alter)).isEqualTo("ALTER TABLE `t` ADD COLUMN `c` INT NOT NULL DEFAULT NULL, MODIFY COLUMN `d` INT DEFAULT NULL");
    }

    @Test
    void addSeveralColumns()
    {
        SqlAlterTable alter = parse("ALTER TABLE t ADD COLUMN (a INT, `b` DATETIME DEFAULT CURRENT_TIMESTAMP, c DECIMAL(10, 2) NULL)",
                SqlAlterTable.class);
        SqlAddColumns add = (SqlAddColumns) alter.clauses().get(0);
        assertThat(add.columns()).extracting(SqlColumnDefinition::name).containsExactly("a", "b", "c");
        assertThat(add.columns().get(1).defaultValue()).isEqualTo(SqlColumnDefinition.CURRENT_TIMESTAMP);
        assertThat(add.columnPosition().kind()).isEqualTo(ColumnPosition.Kind.DEFAULT);
        assertRoundTrip(alter);

        SqlAddColumns parenthesizedOne = (SqlAddColumns) parse("ALTER TABLE t ADD (a INT)", SqlAlterTable.class).clauses().get(0);
        assertThat(parenthesizedOne.columns()).hasSize(1);
    }

    @Test
    void dropAndModify()
    {
        SqlAlterTable alter = parse("ALTER TABLE t DROP COLUMN a, drop b, MODIFY COLUMN c BIGINT NULL DEFAULT '5' COMMENT 'new comment', "
                + "modify d varchar(10) first", SqlAlterTable.class);
        assertThat(alter.clauses()).hasSize(4);
        assertThat(((SqlDropColumn) alter.clauses().get(0)).columnName()).isEqualTo("a");
        assertThat(((SqlDropColumn) alter.clauses().get(1)).columnName()).isEqualTo("b");
        SqlModifyColumn modify = (SqlModifyColumn) alter.clauses().get(2);
        assertThat(modify.column().name()).isEqualTo("c");
        assertThat(modify.column().defaultValue()).isEqualTo("5");
        assertThat(modify.column().comment()).isEqualTo("new comment");
        assertThat(modify.columnPosition().kind()).isEqualTo(ColumnPosition.Kind.DEFAULT);
        assertThat(((SqlModifyColumn) alter.clauses().get(3)).columnPosition()).isEqualTo(ColumnPosition.first());
        assertThat(assertRoundTrip(alter)).isEqualTo("ALTER TABLE `t` DROP COLUMN `a`, DROP COLUMN `b`, "
                + "MODIFY COLUMN `c` BIGINT NULL DEFAULT '5' COMMENT 'new comment', MODIFY COLUMN `d` VARCHAR(10) FIRST");
    }

    @Test
    void mixedClausesKeepTheirOrder()
    {
        SqlAlterTable alter = parse("ALTER TABLE t ADD COLUMN x INT, DROP COLUMN y, ADD COLUMN (z STRING)", SqlAlterTable.class);
        assertThat(alter.clauses()).extracting(clause -> clause.getClass().getSimpleName())
                .containsExactly("SqlAddColumns", "SqlDropColumn", "SqlAddColumns");
        assertThat(alter.clauses().get(1).position().getColumnNum()).isEqualTo(33);
        assertRoundTrip(alter);
    }

    @Test
    void keywordsAsNames()
    {
        SqlAlterTable alter = parse("ALTER TABLE `load` ADD COLUMN comment STRING COMMENT 'c', MODIFY COLUMN modify INT, DROP COLUMN `column`",
                SqlAlterTable.class);
        assertThat(alter.tableName()).isEqualTo("load");
        assertThat(((SqlAddColumns) alter.clauses().get(0)).columns().get(0).name()).isEqualTo("comment");
        assertThat(((SqlModifyColumn) alter.clauses().get(1)).column().name()).isEqualTo("modify");
        assertThat(((SqlDropColumn) alter.clauses().get(2)).columnName()).isEqualTo("column");
        assertRoundTrip(alter);
    }

    @Test
    void alterErrors()
    {
        SqlSyntaxException noClause = syntaxError("ALTER TABLE t");
        assertThat(noClause.detail()).isEqualTo("unexpected end of statement");
        assertThat(noClause.column()).isEqualTo(14);

        SqlSyntaxException unknownClause = syntaxError("ALTER TABLE t RENAME u");
        assertThat(unknownClause.near()).isEqualTo("RENAME u");
        assertThat(unknownClause.column()).isEqualTo(15);

        SqlSyntaxException positionAfterList = syntaxError("ALTER TABLE t ADD COLUMN (a INT, b INT) AFTER c");
        assertThat(positionAfterList.near()).isEqualTo("AFTER c");
        assertThat(positionAfterList.column()).isEqualTo(41);

        SqlSyntaxException duplicate = syntaxError("ALTER TABLE t ADD COLUMN (a INT, A BIGINT)");
        assertThat(duplicate.detail()).isEqualTo("Duplicate column name 'A'");
        assertThat(duplicate.column()).isEqualTo(34);

        SqlSyntaxException missingType = syntaxError("ALTER TABLE t MODIFY COLUMN c");
        assertThat(missingType.detail()).isEqualTo("unexpected end of statement");

        SqlSyntaxException badType = syntaxError("ALTER TABLE t ADD COLUMN c MONEY");
        assertThat(badType.detail()).isEqualTo("Unknown data type 'MONEY'");
        assertThat(badType.column()).isEqualTo(28);

        SqlSyntaxException dropTwoNames = syntaxError("ALTER TABLE t DROP COLUMN a b");
        assertThat(dropTwoNames.near()).isEqualTo("b");

        assertThat(syntaxError("ALTER TABLE a.b.c DROP COLUMN x").detail()).contains("Invalid table name 'a.b.c'");
        assertThat(syntaxError("ALTER TABLE t ADD COLUMN c INT,").detail()).isEqualTo("unexpected end of statement");
    }

    @Test
    void truncate()
    {
        SqlTruncateTable qualified = parse("TRUNCATE TABLE shop.orders", SqlTruncateTable.class);
        assertThat(qualified.databaseName()).isEqualTo("shop");
        assertThat(qualified.tableName()).isEqualTo("orders");
        assertThat(assertRoundTrip(qualified)).isEqualTo("TRUNCATE TABLE `shop`.`orders`");

        SqlTruncateTable plain = parse("truncate `orders`;", SqlTruncateTable.class);
        assertThat(plain.databaseName()).isNull();
        assertThat(plain.tableName()).isEqualTo("orders");

        SqlSyntaxException partition = syntaxError("TRUNCATE TABLE t PARTITION (p1)");
        assertThat(partition.detail()).isEqualTo("TRUNCATE TABLE ... PARTITION is not supported: tables are not partitioned");
        assertThat(partition.column()).isEqualTo(18);
        assertThat(syntaxError("TRUNCATE TABLE").detail()).isEqualTo("unexpected end of statement");
        assertThat(syntaxError("TRUNCATE TABLE a.b.c").detail()).contains("Invalid table name 'a.b.c'");
    }
}
