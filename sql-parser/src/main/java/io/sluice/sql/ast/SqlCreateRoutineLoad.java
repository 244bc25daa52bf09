package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code CREATE ROUTINE LOAD [db.]job ON table [load_property, ...] [PROPERTIES (...)] FROM KAFKA (...)}.
 */
public final class SqlCreateRoutineLoad
        extends SqlCreate
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE ROUTINE LOAD", SqlKind.OTHER_DDL);

    private final SqlIdentifier jobName;
    private final SqlIdentifier tableName;
    private final SqlLoadProperties loadProperties;
    private final Map<String, String> jobProperties;
    private final String dataSourceType;
    private final Map<String, String> dataSourceProperties;

    public SqlCreateRoutineLoad(
            SqlParserPos pos,
            SqlIdentifier jobName,
            SqlIdentifier tableName,
            SqlLoadProperties loadProperties,
            Map<String, String> jobProperties,
            String dataSourceType,
            Map<String, String> dataSourceProperties)
    {
        super(OPERATOR, pos, false, false);
        this.jobName = Names.requireQualifiedName(jobName, "job name");
        this.tableName = Names.requireSimpleName(tableName, "table name");
        this.loadProperties = requireNonNull(loadProperties, "loadProperties is null");
        this.jobProperties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(jobProperties, "jobProperties is null")));
        this.dataSourceType = requireNonNull(dataSourceType, "dataSourceType is null");
        this.dataSourceProperties = Collections.unmodifiableMap(
                new LinkedHashMap<>(requireNonNull(dataSourceProperties, "dataSourceProperties is null")));
    }

    /** The database the job was qualified with, or null for the current one. */
    public String databaseName()
    {
        return Names.databasePart(jobName);
    }

    public String jobName()
    {
        return Names.objectPart(jobName);
    }

    public String tableName()
    {
        return tableName.getSimple();
    }

    public SqlLoadProperties loadProperties()
    {
        return loadProperties;
    }

    /** Empty when no COLUMNS clause was written. */
    public List<SqlLoadColumn> columns()
    {
        return loadProperties.columns();
    }

    public SqlNode where()
    {
        return loadProperties.where();
    }

    public String columnSeparator()
    {
        return loadProperties.columnSeparator();
    }

    public String rowDelimiter()
    {
        return loadProperties.rowDelimiter();
    }

    public List<String> partitions()
    {
        return loadProperties.partitions();
    }

    /** The PROPERTIES clause in written order, unmodifiable. */
    public Map<String, String> jobProperties()
    {
        return jobProperties;
    }

    /** Upper case, e.g. "KAFKA". */
    public String dataSourceType()
    {
        return dataSourceType;
    }

    /** The FROM KAFKA (...) clause in written order, unmodifiable. */
    public Map<String, String> dataSourceProperties()
    {
        return dataSourceProperties;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(jobName, tableName);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("CREATE ROUTINE LOAD");
        jobName.unparse(writer, leftPrec, rightPrec);
        writer.keyword("ON");
        tableName.unparse(writer, leftPrec, rightPrec);
        loadProperties.unparse(writer);
        Unparsing.properties(writer, "PROPERTIES", jobProperties);
        writer.keyword("FROM");
        writer.keyword(dataSourceType);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (Map.Entry<String, String> entry : dataSourceProperties.entrySet()) {
            writer.sep(",");
            Unparsing.stringLiteral(writer, entry.getKey());
            writer.keyword("=");
            Unparsing.stringLiteral(writer, entry.getValue());
        }
        writer.endList(frame);
    }
}
