package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The MySQL SHOW statements about the catalog that clients and BI tools send:
 * {@code SHOW [FULL] COLUMNS | FIELDS FROM t [FROM db] [LIKE | WHERE]}, {@code SHOW TABLE STATUS [FROM db] [LIKE | WHERE]},
 * {@code SHOW CREATE DATABASE [IF NOT EXISTS] db}, {@code SHOW INDEX | INDEXES | KEYS FROM t [FROM db] [WHERE]},
 * {@code SHOW COUNT(*) WARNINGS | ERRORS}, {@code SHOW CHARSET | CHARACTER SET | COLLATION | ENGINES [LIKE | WHERE]}.
 */
public final class SqlShowMetadata
        extends SqlCall
{
    public enum Kind
    {
        COLUMNS("SHOW COLUMNS"),
        TABLE_STATUS("SHOW TABLE STATUS"),
        CREATE_DATABASE("SHOW CREATE DATABASE"),
        INDEX("SHOW INDEX"),
        COUNT_WARNINGS("SHOW COUNT(*) WARNINGS"),
        COUNT_ERRORS("SHOW COUNT(*) ERRORS"),
        CHARSET("SHOW CHARSET"),
        COLLATION("SHOW COLLATION"),
        ENGINES("SHOW ENGINES");

        private final String text;

        Kind(String text)
        {
            this.text = text;
        }
    }

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW METADATA", SqlKind.OTHER);

    private final Kind kind;
    private final boolean full;
    private final SqlIdentifier object;
    private final SqlIdentifier database;
    private final String likePattern;
    private final SqlNode where;

    /**
     * @param object the table of COLUMNS and INDEX ({@code [db.]t}), the database of CREATE DATABASE; null otherwise
     * @param database the database of TABLE STATUS (FROM db); null for the current one
     * @param full FULL of SHOW FULL COLUMNS, IF NOT EXISTS of SHOW CREATE DATABASE
     */
    public SqlShowMetadata(SqlParserPos pos, Kind kind, boolean full, SqlIdentifier object, SqlIdentifier database, String likePattern, SqlNode where)
    {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.full = full;
        this.object = object == null ? null : Names.requireQualifiedName(object, "name");
        this.database = database == null ? null : Names.requireSimpleName(database, "database name");
        if (likePattern != null && where != null) {
            throw new IllegalArgumentException("LIKE and WHERE are exclusive");
        }
        this.likePattern = likePattern;
        this.where = where;
    }

    public Kind kind()
    {
        return kind;
    }

    /** SHOW FULL COLUMNS (adds Collation, Privileges and Comment), or SHOW CREATE DATABASE IF NOT EXISTS. */
    public boolean full()
    {
        return full;
    }

    /** The database part of the table name, or the FROM db of TABLE STATUS; null for the current database. */
    public String databaseName()
    {
        if (database != null) {
            return database.getSimple();
        }
        return object == null || kind == Kind.CREATE_DATABASE ? null : Names.databasePart(object);
    }

    /** The table (COLUMNS, INDEX) or database (CREATE DATABASE) shown; null for the other kinds. */
    public String objectName()
    {
        return object == null ? null : Names.objectPart(object);
    }

    public String likePattern()
    {
        return likePattern;
    }

    /** MySQL's WHERE over the result columns; null when absent. */
    public SqlNode where()
    {
        return where;
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return ImmutableNullableList.of(object, database, where);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        if (kind == Kind.CREATE_DATABASE) {
            writer.keyword(full ? "SHOW CREATE DATABASE IF NOT EXISTS" : kind.text);
        }
        else {
            writer.keyword(full ? kind.text.replace("SHOW ", "SHOW FULL ") : kind.text);
        }
        if (object != null) {
            if (kind != Kind.CREATE_DATABASE) {
                writer.keyword("FROM");
            }
            object.unparse(writer, leftPrec, rightPrec);
        }
        if (database != null) {
            writer.keyword("FROM");
            database.unparse(writer, leftPrec, rightPrec);
        }
        Unparsing.likePattern(writer, likePattern);
        if (where != null) {
            writer.keyword("WHERE");
            where.unparse(writer, 0, 0);
        }
    }
}
