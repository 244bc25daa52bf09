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

/** {@code SHOW [FULL] TABLES [FROM | IN db] [LIKE 'pattern' | WHERE expr]}. */
public final class SqlShowTables
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW TABLES", SqlKind.OTHER);

    private final boolean full;
    private final SqlIdentifier database;
    private final String likePattern;
    private final SqlNode where;

    public SqlShowTables(SqlParserPos pos, boolean full, SqlIdentifier database, String likePattern, SqlNode where)
    {
        super(pos);
        this.full = full;
        this.database = database == null ? null : Names.requireSimpleName(database, "database name");
        if (likePattern != null && where != null) {
            throw new IllegalArgumentException("LIKE and WHERE are exclusive");
        }
        this.likePattern = likePattern;
        this.where = where;
    }

    public boolean full()
    {
        return full;
    }

    /** From FROM/IN db; null for the current database. */
    public String databaseName()
    {
        return Names.nullableSimple(database);
    }

    public String likePattern()
    {
        return likePattern;
    }

    /** MySQL's {@code WHERE} filter over the result columns; null when absent. */
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
        return ImmutableNullableList.of(database, where);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword(full ? "SHOW FULL TABLES" : "SHOW TABLES");
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
