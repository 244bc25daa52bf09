package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * StarRocks {@code CREATE TABLE [IF NOT EXISTS] [db.]t (columns) [ENGINE = x] [kind KEY (c, ...)] [COMMENT 'x']
 * [DISTRIBUTED BY HASH(c, ...) | RANDOM [BUCKETS n]] [ORDER BY (c, ...)] [PROPERTIES (...)]}.
 */
public final class SqlCreateTable
        extends SqlCreate
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final SqlIdentifier name;
    private final List<SqlColumnDefinition> columns;
    private final KeysType keysType;
    private final List<String> keyColumns;
    private final String engine;
    private final String comment;
    private final DistributionKind distributionKind;
    private final List<String> distributionColumns;
    private final Integer buckets;
    private final List<String> orderByColumns;
    private final Map<String, String> properties;

    public SqlCreateTable(
            SqlParserPos pos,
            SqlIdentifier name,
            boolean ifNotExists,
            List<SqlColumnDefinition> columns,
            KeysType keysType,
            List<String> keyColumns,
            String engine,
            String comment,
            DistributionKind distributionKind,
            List<String> distributionColumns,
            Integer buckets,
            List<String> orderByColumns,
            Map<String, String> properties)
    {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = Names.requireQualifiedName(name, "table name");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        Set<String> columnNames = new HashSet<>();
        for (SqlColumnDefinition column : this.columns) {
            if (!columnNames.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Duplicate column name '" + column.name() + "'");
            }
        }
        this.keysType = keysType;
        this.keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
        if ((keysType == null) != this.keyColumns.isEmpty()) {
            throw new IllegalArgumentException("key columns must be given exactly when a key kind is");
        }
        this.engine = engine;
        this.comment = comment;
        this.distributionKind = requireNonNull(distributionKind, "distributionKind is null");
        this.distributionColumns = List.copyOf(requireNonNull(distributionColumns, "distributionColumns is null"));
        if ((distributionKind == DistributionKind.HASH) == this.distributionColumns.isEmpty()) {
            throw new IllegalArgumentException("distribution columns must be given exactly for HASH distribution");
        }
        if (buckets != null && (buckets <= 0 || distributionKind == DistributionKind.NONE)) {
            throw new IllegalArgumentException("invalid BUCKETS: " + buckets);
        }
        this.buckets = buckets;
        this.orderByColumns = List.copyOf(requireNonNull(orderByColumns, "orderByColumns is null"));
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
    }

    /** The database the table was qualified with, or null. */
    public String databaseName()
    {
        return Names.databasePart(name);
    }

    public String tableName()
    {
        return Names.objectPart(name);
    }

    public boolean ifNotExists()
    {
        return ifNotExists;
    }

    public List<SqlColumnDefinition> columns()
    {
        return columns;
    }

    /** The table model, or null when no key clause was written. */
    public KeysType keysType()
    {
        return keysType;
    }

    public List<String> keyColumns()
    {
        return keyColumns;
    }

    /** Upper case as written (OLAP), or null when no ENGINE clause was written. */
    public String engine()
    {
        return engine;
    }

    public String comment()
    {
        return comment;
    }

    public DistributionKind distributionKind()
    {
        return distributionKind;
    }

    public List<String> distributionColumns()
    {
        return distributionColumns;
    }

    /** Null when no BUCKETS was written. */
    public Integer buckets()
    {
        return buckets;
    }

    public List<String> orderByColumns()
    {
        return orderByColumns;
    }

    /** In written order, unmodifiable. */
    public Map<String, String> properties()
    {
        return properties;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("CREATE TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlColumnDefinition column : columns) {
            writer.sep(",");
            column.unparse(writer);
        }
        writer.endList(frame);
        if (engine != null) {
            writer.keyword("ENGINE =");
            if (PLAIN_WORD.matcher(engine).matches()) {
                // ENGINE = OLAP, as StarRocks prints it.
                writer.keyword(engine);
            }
            else {
                writer.identifier(engine, true);
            }
        }
        if (keysType != null) {
            writer.keyword(keysType.name() + " KEY");
            Unparsing.identifierList(writer, keyColumns);
        }
        if (comment != null) {
            writer.keyword("COMMENT");
            Unparsing.stringLiteral(writer, comment);
        }
        if (distributionKind != DistributionKind.NONE) {
            writer.keyword("DISTRIBUTED BY " + distributionKind.name());
            if (distributionKind == DistributionKind.HASH) {
                Unparsing.identifierList(writer, distributionColumns);
            }
            if (buckets != null) {
                writer.keyword("BUCKETS");
                writer.print(buckets);
                writer.setNeedWhitespace(true);
            }
        }
        if (!orderByColumns.isEmpty()) {
            writer.keyword("ORDER BY");
            Unparsing.identifierList(writer, orderByColumns);
        }
        Unparsing.properties(writer, "PROPERTIES", properties);
    }

    /** Compares every clause, so that SHOW CREATE TABLE's text can be checked to re-create the same table. */
    @Override
    public boolean equalsDeep(SqlNode node, Litmus litmus)
    {
        if (!(node instanceof SqlCreateTable that)) {
            return litmus.fail("{} != {}", this, node);
        }
        if (!name.equalsDeep(that.name, litmus)) {
            return false;
        }
        boolean equal = ifNotExists == that.ifNotExists
                && columns.equals(that.columns)
                && keysType == that.keysType
                && keyColumns.equals(that.keyColumns)
                && Objects.equals(engine, that.engine)
                && Objects.equals(comment, that.comment)
                && distributionKind == that.distributionKind
                && distributionColumns.equals(that.distributionColumns)
                && Objects.equals(buckets, that.buckets)
                && orderByColumns.equals(that.orderByColumns)
                // Written order matters for SHOW CREATE TABLE.
                && List.copyOf(properties.entrySet()).equals(List.copyOf(that.properties.entrySet()));
        return equal || litmus.fail("{} != {}", this, node);
    }
}
