package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlCall;
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
 * {@code ALTER ROUTINE LOAD FOR [db.]job [load_property, ...] [PROPERTIES (...)] [FROM KAFKA (...)]}; what is not
 * written stays as it is.
 */
public final class SqlAlterRoutineLoad
        extends SqlCall
{
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER ROUTINE LOAD", SqlKind.OTHER_DDL);

    private final SqlIdentifier jobName;
    private final SqlLoadProperties loadProperties;
    private final Map<String, String> jobProperties;
    private final String dataSourceType;
    private final Map<String, String> dataSourceProperties;

    public SqlAlterRoutineLoad(
            SqlParserPos pos,
            SqlIdentifier jobName,
            SqlLoadProperties loadProperties,
            Map<String, String> jobProperties,
            String dataSourceType,
            Map<String, String> dataSourceProperties)
    {
        super(pos);
        this.jobName = Names.requireQualifiedName(jobName, "job name");
        this.loadProperties = requireNonNull(loadProperties, "loadProperties is null");
        this.jobProperties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(jobProperties, "jobProperties is null")));
        this.dataSourceType = dataSourceType;
        this.dataSourceProperties = Collections.unmodifiableMap(
                new LinkedHashMap<>(requireNonNull(dataSourceProperties, "dataSourceProperties is null")));
        if (dataSourceType == null && !this.dataSourceProperties.isEmpty()) {
            throw new IllegalArgumentException("data source properties need a data source type");
        }
    }

    public String databaseName()
    {
        return Names.databasePart(jobName);
    }

    public String jobName()
    {
        return Names.objectPart(jobName);
    }

    public SqlLoadProperties loadProperties()
    {
        return loadProperties;
    }

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

    public Map<String, String> jobProperties()
    {
        return jobProperties;
    }

    /** Upper case, e.g. "KAFKA"; null when no FROM clause was written. */
    public String dataSourceType()
    {
        return dataSourceType;
    }

    public Map<String, String> dataSourceProperties()
    {
        return dataSourceProperties;
    }

    @Override
    public SqlOperator getOperator()
    {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList()
    {
        return List.of(jobName);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec)
    {
        writer.keyword("ALTER ROUTINE LOAD FOR");
        jobName.unparse(writer, leftPrec, rightPrec);
        loadProperties.unparse(writer);
        Unparsing.properties(writer, "PROPERTIES", jobProperties);
        if (dataSourceType != null) {
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
}
