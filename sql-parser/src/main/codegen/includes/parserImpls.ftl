<#--
  Sluice's additions to Calcite's Parser.jj: StarRocks DDL and routine load statements, and the MySQL statements
  that clients send (USE, SHOW, DESC, SET). config.fmpp wires these productions into the grammar.

  Actions are parsed by JavaCC 4 as Java 5: no lambdas, no diamonds, no switch expressions here. Non-trivial
  Java lives in io.sluice.sql.parser.impl.ParserSupport.
-->

// MySQL '#' comments run to the end of the line, like '--' comments.
<DEFAULT, DQID, BTID, BQID, BQHID> SKIP :
{
    < HASH_LINE_COMMENT: "#" (~["\n","\r"])* ("\n"|"\r"|"\r\n")? >
}

// MySQL strings take backslash escapes and also a doubled quote ('It''s'); backquoted names take a doubled
// backquote (`a``b`). Calcite's backslash-escape tokens lack the doubling, so these tokens lex every such string
// and name (declared before Calcite's, they win ties) and ParserSupport.decodeQuotedToken turns them back into
// Calcite's token kinds, MySQL escapes decoded.
<BQID, BQHID> TOKEN :
{
    < MYSQL_QUOTED_STRING: <QUOTE> ( (~["\\", "'"]) | ("\\" ~[]) | "''" )* <QUOTE> >
|
    < MYSQL_DOUBLE_QUOTED_STRING: <DOUBLE_QUOTE> ( (~["\\", "\""]) | ("\\" ~[]) | "\"\"" )* <DOUBLE_QUOTE> >
|
    < MYSQL_BACK_QUOTED_IDENTIFIER: "`" ( (~["`"]) | "``" )* "`" >
}

/* ---------------------------------------------------------------------------------------------------------------
 * Small building blocks
 * ------------------------------------------------------------------------------------------------------------- */

/** A string in single or double quotes, MySQL escapes decoded; adjacent strings concatenate ('a' 'b' is "ab"). */
String SluiceString() :
{
    final StringBuilder value = new StringBuilder();
}
{
    (
        ( <BIG_QUERY_QUOTED_STRING> | <BIG_QUERY_DOUBLE_QUOTED_STRING> | <QUOTED_STRING> )
        { value.append(ParserSupport.stringValue(token)); }
    )+
    {
        return value.toString();
    }
}

/** {@code name} or {@code db.name}. */
SqlIdentifier QualifiedName(String what) :
{
    final SqlIdentifier name;
}
{
    name = CompoundIdentifier()
    {
        return ParserSupport.checkQualifiedName(name, what);
    }
}

boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

int PositiveInt(String what) :
{
    final int value;
}
{
    value = UnsignedIntLiteral()
    {
        if (value <= 0) {
            throw ParserSupport.error(getPos(), what + " must be a positive number");
        }
        return value;
    }
}

/** {@code ("key" = "value", ...)}: keys and values are strings; values may also be numbers or booleans. */
Map<String, String> PropertyList() :
{
    final Map<String, String> properties = new LinkedHashMap<String, String>();
}
{
    <LPAREN>
    [
        AddProperty(properties)
        ( <COMMA> AddProperty(properties) )*
    ]
    <RPAREN>
    {
        return properties;
    }
}

void AddProperty(Map<String, String> properties) :
{
    final String key;
    final SqlIdentifier name;
    final SqlParserPos keyPosition;
    final String value;
}
{
    (
        key = SluiceString()
    |
        name = CompoundIdentifier() { key = ParserSupport.joinNames(name); }
    )
    { keyPosition = getPos(); }
    <EQ>
    value = PropertyValue()
    {
        ParserSupport.putProperty(properties, key, value, keyPosition);
    }
}

String PropertyValue() :
{
    final String value;
}
{
    value = SluiceString() { return value; }
|
    ( <UNSIGNED_INTEGER_LITERAL> | <DECIMAL_NUMERIC_LITERAL> | <APPROX_NUMERIC_LITERAL> ) { return token.image; }
|
    <MINUS> ( <UNSIGNED_INTEGER_LITERAL> | <DECIMAL_NUMERIC_LITERAL> | <APPROX_NUMERIC_LITERAL> )
    { return "-" + token.image; }
|
    <TRUE> { return "true"; }
|
    <FALSE> { return "false"; }
}

/** {@code LIMIT n}, {@code LIMIT offset, n} or {@code LIMIT n OFFSET offset}; fills {limit, offset}. */
void SluiceLimit(SqlNode[] limitOffset) :
{
    final SqlNode first;
    final SqlNode second;
}
{
    <LIMIT> first = UnsignedNumericLiteralOrParam()
    (
        <COMMA> second = UnsignedNumericLiteralOrParam()
        { limitOffset[0] = second; limitOffset[1] = first; }
    |
        <OFFSET> second = UnsignedNumericLiteralOrParam()
        { limitOffset[0] = first; limitOffset[1] = second; }
    |
        { limitOffset[0] = first; }
    )
}

/* ---------------------------------------------------------------------------------------------------------------
 * Databases and tables
 * ------------------------------------------------------------------------------------------------------------- */

/** {@code CREATE DATABASE | SCHEMA [IF NOT EXISTS] name}, after Calcite's SqlCreate() read CREATE. */
SqlCreate SqlCreateDatabase(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    ( <DATABASE> | <SCHEMA> )
    { ParserSupport.rejectReplace(replace, s.pos()); }
    ifNotExists = IfNotExistsOpt()
    name = SimpleIdentifier()
    {
        return new SqlCreateDatabase(s.end(this), name, ifNotExists);
    }
}

/** {@code DROP DATABASE | SCHEMA [IF EXISTS] name [FORCE]}, after Calcite's SqlDrop() read DROP. */
SqlDrop SqlDropDatabase(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
    boolean force = false;
}
{
    ( <DATABASE> | <SCHEMA> )
    ifExists = IfExistsOpt()
    name = SimpleIdentifier()
    [ <FORCE> { force = true; } ]
    {
        return new SqlDropDatabase(s.end(this), name, ifExists, force);
    }
}

SqlNode SqlUseDatabase() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <USE> { s = span(); }
    name = SimpleIdentifier()
    {
        return new SqlUseDatabase(s.end(this), name);
    }
}

/** StarRocks CREATE TABLE, after Calcite's SqlCreate() read CREATE. */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlColumnDefinition> columns = new ArrayList<SqlColumnDefinition>();
    SqlIdentifier engine = null;
    KeysType keysType = null;
    SqlNodeList keyColumns = null;
    String comment = null;
    DistributionKind distributionKind = DistributionKind.NONE;
    SqlNodeList distributionColumns = null;
    Integer buckets = null;
    SqlNodeList orderByColumns = null;
    Map<String, String> properties = new LinkedHashMap<String, String>();
}
{
    <TABLE>
    { ParserSupport.rejectReplace(replace, s.pos()); }
    ifNotExists = IfNotExistsOpt()
    name = QualifiedName("table name")
    <LPAREN>
    AddColumnDefinition(columns)
    ( <COMMA> AddColumnDefinition(columns) )*
    <RPAREN>
    [ <ENGINE> <EQ> engine = SimpleIdentifier() ]
    [
        (
            <DUPLICATE> { keysType = KeysType.DUPLICATE; }
        |   <AGGREGATE> { keysType = KeysType.AGGREGATE; }
        |   <UNIQUE> { keysType = KeysType.UNIQUE; }
        |   <PRIMARY> { keysType = KeysType.PRIMARY; }
        )
        <KEY>
        keyColumns = ParenthesizedSimpleIdentifierList()
    ]
    [ <COMMENT> [ <EQ> ] comment = SluiceString() ]
    [
        <PARTITION>
        {
            throw ParserSupport.error(getPos(), "PARTITION BY is not supported: tables are not partitioned");
        }
    ]
    [
        <DISTRIBUTED> <BY>
        (
            <HASH> { distributionKind = DistributionKind.HASH; }
            distributionColumns = ParenthesizedSimpleIdentifierList()
        |
            <RANDOM> { distributionKind = DistributionKind.RANDOM; }
        )
        [ <BUCKETS> buckets = PositiveInt("BUCKETS") ]
    ]
    [ <ORDER> <BY> orderByColumns = ParenthesizedSimpleIdentifierList() ]
    [ <PROPERTIES> properties = PropertyList() ]
    {
        return new SqlCreateTable(s.end(this), name, ifNotExists, columns,
            keysType, ParserSupport.simpleNames(keyColumns),
            engine == null ? null : engine.getSimple().toUpperCase(Locale.ROOT), comment,
            distributionKind, ParserSupport.simpleNames(distributionColumns), buckets,
            ParserSupport.simpleNames(orderByColumns), properties);
    }
}

/**
 * {@code name type [aggregate] [NULL | NOT NULL] [DEFAULT v] [AUTO_INCREMENT] [COMMENT 'x']}; the attributes after
 * the type are accepted in any order (MySQL dumps write NOT NULL DEFAULT ...), each at most once.
 */
void AddColumnDefinition(List<SqlColumnDefinition> columns) :
{
    final SqlIdentifier name;
    final ParserSupport.ColumnType type;
    Boolean nullable = null;
    String aggregateFunction = null;
    boolean hasDefault = false;
    String defaultValue = null;
    boolean nullDefault = false;
    boolean autoIncrement = false;
    String comment = null;
    String function;
}
{
    name = SimpleIdentifier()
    type = ColumnType()
    (
        function = AggregateFunctionName()
        {
            if (aggregateFunction != null) {
                throw ParserSupport.error(getPos(), "Column '" + name.getSimple() + "' has two aggregate functions");
            }
            aggregateFunction = function;
        }
    |
        <NULL>
        {
            if (nullable != null) {
                throw ParserSupport.error(getPos(), "Column '" + name.getSimple() + "' repeats NULL / NOT NULL");
            }
            nullable = Boolean.TRUE;
        }
    |
        <NOT> <NULL>
        {
            if (nullable != null) {
                throw ParserSupport.error(getPos(), "Column '" + name.getSimple() + "' repeats NULL / NOT NULL");
            }
            nullable = Boolean.FALSE;
        }
    |
        <DEFAULT_>
        {
            if (hasDefault) {
                throw ParserSupport.error(getPos(), "Column '" + name.getSimple() + "' has two defaults");
            }
            hasDefault = true;
        }
        defaultValue = ColumnDefault()
        // DEFAULT NULL is told apart from no default: MySQL rejects it on a NOT NULL column.
        { nullDefault = defaultValue == null; }
    |
        <AUTO_INCREMENT> { autoIncrement = true; }
    |
        <COMMENT>
        {
            if (comment != null) {
                throw ParserSupport.error(getPos(), "Column '" + name.getSimple() + "' has two comments");
            }
        }
        comment = SluiceString()
    )*
    {
        ParserSupport.addColumn(columns, ParserSupport.columnDefinition(
            name, type, nullable, aggregateFunction, defaultValue, nullDefault, autoIncrement, comment));
    }
}

/** A column type of CREATE TABLE in canonical form; {@code int(11)}-style display widths are dropped. */
ParserSupport.ColumnType ColumnType() :
{
    final String typeName;
    final SqlIdentifier word;
    Integer length = null;
    Integer scale = null;
}
{
    (
        <BOOLEAN> { typeName = "BOOLEAN"; }
    |
        <TINYINT> { typeName = "TINYINT"; } DisplayWidthOpt()
    |
        <SMALLINT> { typeName = "SMALLINT"; } DisplayWidthOpt()
    |
        ( <INT> | <INTEGER> ) { typeName = "INT"; } DisplayWidthOpt()
    |
        <BIGINT> { typeName = "BIGINT"; } DisplayWidthOpt()
    |
        // LOOKAHEAD(1) on the alternatives whose word is a non-reserved keyword: they win over the
        // SimpleIdentifier alternative below, which tells JavaCC the overlap is intended.
        LOOKAHEAD(1) <LARGEINT> { typeName = "LARGEINT"; } DisplayWidthOpt()
    |
        <FLOAT> { typeName = "FLOAT"; }
    |
        <DOUBLE> { typeName = "DOUBLE"; }
    |
        ( <DECIMAL> | <DEC> | <NUMERIC> ) { typeName = "DECIMAL"; }
        [
            <LPAREN> length = UnsignedIntLiteral()
            [ <COMMA> scale = UnsignedIntLiteral() ]
            <RPAREN>
        ]
    |
        <CHAR> { typeName = "CHAR"; }
        [ <LPAREN> length = UnsignedIntLiteral() <RPAREN> ]
    |
        <VARCHAR> { typeName = "VARCHAR"; }
        [ <LPAREN> length = UnsignedIntLiteral() <RPAREN> ]
    |
        LOOKAHEAD(1) <STRING> { typeName = "STRING"; }
    |
        LOOKAHEAD(1) <DATE> { typeName = "DATE"; }
    |
        LOOKAHEAD(1)
        ( <DATETIME> | <TIMESTAMP> ) { typeName = "DATETIME"; }
        // DATETIME(6) style fractional precision: we keep microseconds anyway.
        DisplayWidthOpt()
    |
        LOOKAHEAD(1) <JSON> { typeName = "JSON"; }
    |
        word = SimpleIdentifier()
        {
            typeName = ParserSupport.columnTypeName(word.getSimple());
            if (typeName == null) {
                throw ParserSupport.error(word.getParserPosition(),
                    "Unknown data type '" + word.getSimple() + "'");
            }
        }
        [
            <LPAREN> length = UnsignedIntLiteral()
            [ <COMMA> scale = UnsignedIntLiteral() ]
            <RPAREN>
            {
                if (!typeName.equals("DECIMAL")) {
                    if (!typeName.equals("INT") || scale != null) {
                        throw ParserSupport.error(getPos(), "Type '" + word.getSimple() + "' takes no length");
                    }
                    // MEDIUMINT(9): a display width.
                    length = null;
                }
            }
        ]
    )
    {
        return new ParserSupport.ColumnType(typeName, length, scale);
    }
}

/** MySQL display widths such as {@code bigint(20)}: accepted and ignored. */
void DisplayWidthOpt() :
{
}
{
    [ <LPAREN> UnsignedIntLiteral() <RPAREN> ]
}

String AggregateFunctionName() :
{
}
{
    (
        <SUM> | <MAX> | <MIN> | <REPLACE> | <REPLACE_IF_NOT_NULL> | <HLL_UNION> | <BITMAP_UNION>
    |   <PERCENTILE_UNION>
    )
    {
        return token.image.toUpperCase(Locale.ROOT);
    }
}

/** The literal after DEFAULT as text; null for DEFAULT NULL. */
String ColumnDefault() :
{
    final String value;
    final SqlLiteral number;
}
{
    value = SluiceString() { return value; }
|
    number = NumericLiteral() { return number.toValue(); }
|
    <NULL> { return null; }
|
    <TRUE> { return "true"; }
|
    <FALSE> { return "false"; }
|
    <CURRENT_TIMESTAMP> [ <LPAREN> [ UnsignedIntLiteral() ] <RPAREN> ]
    { return SqlColumnDefinition.CURRENT_TIMESTAMP; }
}

/** {@code DROP TABLE [IF EXISTS] [db.]t [FORCE]}, after Calcite's SqlDrop() read DROP. */
SqlDrop SqlDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
    boolean force = false;
}
{
    <TABLE>
    ifExists = IfExistsOpt()
    name = QualifiedName("table name")
    [ <FORCE> { force = true; } ]
    {
        return new SqlDropTable(s.end(this), name, ifExists, force);
    }
}

/**
 * {@code ALTER TABLE [db.]t clause [, clause ...]}: ADD [COLUMN] def [FIRST | AFTER c], ADD [COLUMN] (def, ...),
 * DROP [COLUMN] c, MODIFY [COLUMN] def [FIRST | AFTER c].
 */
SqlNode SqlAlterTable() :
{
    final Span s;
    final SqlIdentifier name;
    final List<SqlAlterTableClause> clauses = new ArrayList<SqlAlterTableClause>();
}
{
    <ALTER> { s = span(); }
    <TABLE>
    name = QualifiedName("table name")
    AddAlterTableClause(clauses)
    ( <COMMA> AddAlterTableClause(clauses) )*
    {
        return new SqlAlterTable(s.end(this), name, clauses);
    }
}

void AddAlterTableClause(List<SqlAlterTableClause> clauses) :
{
    final Span s;
    final List<SqlColumnDefinition> columns = new ArrayList<SqlColumnDefinition>();
    ColumnPosition position = ColumnPosition.defaultPosition();
    final SqlIdentifier column;
}
{
    <ADD> { s = span(); }
    [ <COLUMN> ]
    (
        <LPAREN>
        AddColumnDefinition(columns)
        ( <COMMA> AddColumnDefinition(columns) )*
        <RPAREN>
    |
        AddColumnDefinition(columns)
        position = ColumnPositionOpt()
    )
    {
        clauses.add(ParserSupport.addColumns(s.end(this), columns, position));
    }
|
    <DROP> { s = span(); }
    [ <COLUMN> ]
    column = SimpleIdentifier()
    {
        clauses.add(new SqlDropColumn(s.end(this), column.getSimple()));
    }
|
    <MODIFY> { s = span(); }
    [ <COLUMN> ]
    AddColumnDefinition(columns)
    position = ColumnPositionOpt()
    {
        clauses.add(new SqlModifyColumn(s.end(this), columns.get(0), position));
    }
}

ColumnPosition ColumnPositionOpt() :
{
    final SqlIdentifier column;
}
{
    <FIRST> { return ColumnPosition.first(); }
|
    <AFTER> column = SimpleIdentifier() { return ColumnPosition.after(column.getSimple()); }
|
    { return ColumnPosition.defaultPosition(); }
}

/** {@code TRUNCATE [TABLE] [db.]t}, after Calcite's SqlTruncate() read TRUNCATE. */
SqlTruncate SqlTruncateTable(Span s) :
{
    final SqlIdentifier name;
}
{
    [ <TABLE> ]
    name = QualifiedName("table name")
    [
        <PARTITION>
        {
            throw ParserSupport.error(getPos(), "TRUNCATE TABLE ... PARTITION is not supported: tables are not partitioned");
        }
    ]
    {
        return new SqlTruncateTable(s.end(this), name);
    }
}

/** {@code DESC | DESCRIBE [TABLE] [db.]t}; tried before Calcite's DESCRIBE, so MySQL's meaning wins. */
SqlNode SqlDescribeTable() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    ( <DESC> | <DESCRIBE> ) { s = span(); }
    [ <TABLE> ]
    name = QualifiedName("table name")
    {
        return new io.sluice.sql.ast.SqlDescribeTable(s.end(this), name, false);
    }
}

/* ---------------------------------------------------------------------------------------------------------------
 * SHOW
 * ------------------------------------------------------------------------------------------------------------- */

SqlNode SqlShow() :
{
    final Span s;
    final SqlNode statement;
}
{
    <SHOW> { s = span(); }
    (
        statement = ShowDatabases(s)
    |
        LOOKAHEAD(2) statement = ShowTables(s)
    |
        statement = ShowColumns(s)
    |
        statement = ShowCreate(s)
    |
        statement = ShowVariables(s)
    |
        statement = ShowMetadata(s)
    |
        <WARNINGS> { statement = new SqlShowWarnings(s.end(this)); }
    |
        <ERRORS> { statement = new SqlShowErrors(s.end(this)); }
    |
        statement = ShowRoutineLoad(s)
    |
        statement = ShowGrants(s)
    )
    {
        return statement;
    }
}

SqlNode ShowDatabases(Span s) :
{
    String like = null;
}
{
    ( <DATABASES> | <SCHEMAS> )
    [ <LIKE> like = SluiceString() ]
    {
        return new SqlShowDatabases(s.end(this), like);
    }
}

SqlNode ShowTables(Span s) :
{
    boolean full = false;
    SqlIdentifier database = null;
    String like = null;
    SqlNode where = null;
}
{
    [ <FULL> { full = true; } ]
    <TABLES>
    [ ( <FROM> | <IN> ) database = SimpleIdentifier() ]
    [
        <LIKE> like = SluiceString()
    |
        <WHERE> where = Expression(ExprContext.ACCEPT_SUB_QUERY)
    ]
    {
        return new SqlShowTables(s.end(this), full, database, like, where);
    }
}

/** {@code SHOW [FULL] COLUMNS | FIELDS FROM | IN [db.]t [FROM | IN db] [LIKE 'p' | WHERE e]}. */
SqlNode ShowColumns(Span s) :
{
    boolean full = false;
    SqlIdentifier name;
    final SqlIdentifier database;
    String like = null;
    SqlNode where = null;
}
{
    [ <FULL> { full = true; } ]
    ( <COLUMNS> | <FIELDS> )
    ( <FROM> | <IN> )
    name = QualifiedName("table name")
    [
        ( <FROM> | <IN> ) database = SimpleIdentifier()
        { name = ParserSupport.qualify(database, name); }
    ]
    [
        <LIKE> like = SluiceString()
    |
        <WHERE> where = Expression(ExprContext.ACCEPT_SUB_QUERY)
    ]
    {
        return new SqlShowMetadata(s.end(this), SqlShowMetadata.Kind.COLUMNS, full, name, null, like, where);
    }
}

SqlNode ShowCreate(Span s) :
{
    final SqlIdentifier name;
}
{
    <CREATE>
    (
        <TABLE> name = QualifiedName("table name")
        { return new SqlShowCreateTable(s.end(this), name); }
    |
        <DATABASE> { final boolean ifNotExists = IfNotExistsOpt(); } name = SimpleIdentifier()
        { return new SqlShowMetadata(s.end(this), SqlShowMetadata.Kind.CREATE_DATABASE, ifNotExists, name, null, null, null); }
    |
        <ROUTINE> <LOAD> name = QualifiedName("job name")
        { return new SqlShowCreateRoutineLoad(s.end(this), name); }
    )
}

SqlNode ShowVariables(Span s) :
{
    boolean global = false;
    String like = null;
    SqlNode where = null;
}
{
    [ <GLOBAL> { global = true; } | <SESSION> | <LOCAL> ]
    <VARIABLES>
    [
        <LIKE> like = SluiceString()
    |
        <WHERE> where = Expression(ExprContext.ACCEPT_SUB_QUERY)
    ]
    {
        return new SqlShowVariables(s.end(this), global, like, where);
    }
}

/**
 * {@code SHOW [ALL] ROUTINE LOAD [FOR [db.]job] [FROM db] [WHERE e] [ORDER BY ...] [LIMIT ...]} and
 * {@code SHOW ROUTINE LOAD TASK [FROM db] [WHERE e]}.
 */
SqlNode ShowRoutineLoad(Span s) :
{
    boolean all = false;
    SqlIdentifier job = null;
    SqlIdentifier database = null;
    SqlNode where = null;
    SqlNodeList orderBy = null;
    final SqlNode[] limitOffset = new SqlNode[2];
}
{
    [ <ALL> { all = true; } ]
    <ROUTINE> <LOAD>
    (
        <TASK>
        {
            if (all) {
                throw ParserSupport.error(s.end(this), "SHOW ALL ROUTINE LOAD TASK is not supported");
            }
        }
        [ <FROM> database = SimpleIdentifier() ]
        [ <WHERE> where = Expression(ExprContext.ACCEPT_SUB_QUERY) ]
        {
            return new SqlShowRoutineLoadTask(s.end(this), database, where);
        }
    |
        [ <FOR> job = QualifiedName("job name") ]
        [ <FROM> database = SimpleIdentifier() ]
        [ <WHERE> where = Expression(ExprContext.ACCEPT_SUB_QUERY) ]
        [ orderBy = OrderBy(true) ]
        [ SluiceLimit(limitOffset) ]
        {
            return new SqlShowRoutineLoad(s.end(this), all, job, database, where, orderBy,
                limitOffset[0], limitOffset[1]);
        }
    )
}

/* ---------------------------------------------------------------------------------------------------------------
 * Routine load
 * ------------------------------------------------------------------------------------------------------------- */

/** {@code CREATE ROUTINE LOAD [db.]job ON t [load_property, ...] [PROPERTIES (...)] FROM KAFKA (...)}. */
SqlCreate SqlCreateRoutineLoad(Span s, boolean replace) :
{
    final SqlIdentifier job;
    final SqlIdentifier table;
    final SqlLoadProperties.Builder load = SqlLoadProperties.builder();
    Map<String, String> jobProperties = new LinkedHashMap<String, String>();
    final String sourceType;
    final Map<String, String> sourceProperties;
}
{
    <ROUTINE>
    { ParserSupport.rejectReplace(replace, s.pos()); }
    <LOAD>
    job = QualifiedName("job name")
    <ON> table = SimpleIdentifier()
    [
        AddLoadProperty(load)
        ( <COMMA> AddLoadProperty(load) )*
    ]
    [ <PROPERTIES> jobProperties = PropertyList() ]
    <FROM> sourceType = DataSourceType()
    sourceProperties = PropertyList()
    {
        return new SqlCreateRoutineLoad(s.end(this), job, table, load.build(), jobProperties, sourceType,
            sourceProperties);
    }
}

/** {@code ALTER ROUTINE LOAD FOR [db.]job [load_property, ...] [PROPERTIES (...)] [FROM KAFKA (...)]}. */
SqlNode SqlAlterRoutineLoad() :
{
    final Span s;
    final SqlIdentifier job;
    final SqlLoadProperties.Builder load = SqlLoadProperties.builder();
    Map<String, String> jobProperties = new LinkedHashMap<String, String>();
    String sourceType = null;
    Map<String, String> sourceProperties = new LinkedHashMap<String, String>();
}
{
    <ALTER> { s = span(); }
    <ROUTINE> <LOAD> <FOR>
    job = QualifiedName("job name")
    [
        AddLoadProperty(load)
        ( <COMMA> AddLoadProperty(load) )*
    ]
    [ <PROPERTIES> jobProperties = PropertyList() ]
    [
        <FROM> sourceType = DataSourceType()
        sourceProperties = PropertyList()
    ]
    {
        return new SqlAlterRoutineLoad(s.end(this), job, load.build(), jobProperties, sourceType,
            sourceProperties);
    }
}

String DataSourceType() :
{
}
{
    <KAFKA> { return "KAFKA"; }
}

/**
 * One load property. A repeated one is an error with StarRocks' wording, e.g. "repeat setting of columns info",
 * reported at the repeated clause.
 */
void AddLoadProperty(SqlLoadProperties.Builder load) :
{
    final Span s;
    final String text;
    final List<SqlLoadColumn> columns = new ArrayList<SqlLoadColumn>();
    final SqlNode where;
    final SqlNodeList partitions;
}
{
    (
        LOOKAHEAD(2)
        <COLUMNS> { s = span(); } <TERMINATED> <BY> text = SluiceString()
        {
            try {
                load.columnSeparator(text);
            }
            catch (IllegalStateException e) {
                throw ParserSupport.error(s.pos(), e.getMessage());
            }
        }
    |
        <ROWS> { s = span(); } <TERMINATED> <BY> text = SluiceString()
        {
            try {
                load.rowDelimiter(text);
            }
            catch (IllegalStateException e) {
                throw ParserSupport.error(s.pos(), e.getMessage());
            }
        }
    |
        <COLUMNS> { s = span(); }
        <LPAREN> AddLoadColumn(columns) ( <COMMA> AddLoadColumn(columns) )* <RPAREN>
        {
            try {
                load.columns(columns);
            }
            catch (IllegalStateException e) {
                throw ParserSupport.error(s.pos(), e.getMessage());
            }
        }
    |
        <WHERE> { s = span(); }
        where = Expression(ExprContext.ACCEPT_SUB_QUERY)
        {
            try {
                load.where(where);
            }
            catch (IllegalStateException e) {
                throw ParserSupport.error(s.pos(), e.getMessage());
            }
        }
    |
        <PARTITION> { s = span(); }
        partitions = ParenthesizedSimpleIdentifierList()
        {
            try {
                load.partitions(ParserSupport.simpleNames(partitions));
            }
            catch (IllegalStateException e) {
                throw ParserSupport.error(s.pos(), e.getMessage());
            }
        }
    )
}

/** {@code name} (the next source field) or {@code name = expr} (a derived column). */
void AddLoadColumn(List<SqlLoadColumn> columns) :
{
    final SqlIdentifier name;
    SqlNode expression = null;
}
{
    name = SimpleIdentifier()
    [ <EQ> expression = Expression(ExprContext.ACCEPT_SUB_QUERY) ]
    {
        columns.add(new SqlLoadColumn(name.getSimple(), expression));
    }
}

/** {@code PAUSE | RESUME [ALL] ROUTINE LOAD [FOR [db.]job]} and {@code STOP ROUTINE LOAD FOR [db.]job}. */
SqlNode SqlRoutineLoadControl() :
{
    final Span s;
    SqlIdentifier job = null;
}
{
    <PAUSE> { s = span(); }
    (
        <ALL> <ROUTINE> <LOAD>
    |
        <ROUTINE> <LOAD> <FOR> job = QualifiedName("job name")
    )
    {
        return new SqlPauseRoutineLoad(s.end(this), job);
    }
|
    <RESUME> { s = span(); }
    (
        <ALL> <ROUTINE> <LOAD>
    |
        <ROUTINE> <LOAD> <FOR> job = QualifiedName("job name")
    )
    {
        return new SqlResumeRoutineLoad(s.end(this), job);
    }
|
    <STOP> { s = span(); }
    <ROUTINE> <LOAD> <FOR> job = QualifiedName("job name")
    {
        return new SqlStopRoutineLoad(s.end(this), job);
    }
}

/* ---------------------------------------------------------------------------------------------------------------
 * SET
 * ------------------------------------------------------------------------------------------------------------- */

/**
 * MySQL SET: {@code SET [GLOBAL | SESSION | LOCAL] name = value, ...} with {@code @@var}/{@code @var} names,
 * {@code NAMES charset [COLLATE collation]}, {@code CHARACTER SET charset}, and
 * {@code SET [GLOBAL | SESSION] TRANSACTION ISOLATION LEVEL ... | READ ONLY | READ WRITE}.
 */
SqlNode SqlSetVariables() :
{
    final Span s;
    final List<SqlVariableAssignment> assignments = new ArrayList<SqlVariableAssignment>();
    VariableScope scope = null;
}
{
    <SET> { s = span(); }
    (
        LOOKAHEAD(2)
        [
            <GLOBAL> { scope = VariableScope.GLOBAL; }
        |   <SESSION> { scope = VariableScope.SESSION; }
        |   <LOCAL> { scope = VariableScope.SESSION; }
        ]
        <TRANSACTION>
        AddTransactionCharacteristic(assignments, scope == null ? VariableScope.SESSION : scope)
        ( <COMMA> AddTransactionCharacteristic(assignments, scope == null ? VariableScope.SESSION : scope) )*
    |
        AddVariableAssignment(assignments)
        ( <COMMA> AddVariableAssignment(assignments) )*
    )
    {
        return new SqlSetVariables(s.end(this), assignments);
    }
}

void AddTransactionCharacteristic(List<SqlVariableAssignment> assignments, VariableScope scope) :
{
    final String level;
    final boolean readOnly;
}
{
    <ISOLATION> <LEVEL>
    (
        <READ>
        (
            <UNCOMMITTED> { level = "READ-UNCOMMITTED"; }
        |   <COMMITTED> { level = "READ-COMMITTED"; }
        )
    |
        <REPEATABLE> <READ> { level = "REPEATABLE-READ"; }
    |
        <SERIALIZABLE> { level = "SERIALIZABLE"; }
    )
    {
        assignments.add(new SqlVariableAssignment(scope, "transaction_isolation",
            SqlLiteral.createCharString(level, getPos())));
    }
|
    <READ>
    (
        <ONLY> { readOnly = true; }
    |   <WRITE> { readOnly = false; }
    )
    {
        assignments.add(new SqlVariableAssignment(scope, "transaction_read_only",
            SqlLiteral.createExactNumeric(readOnly ? "1" : "0", getPos())));
    }
}

void AddVariableAssignment(List<SqlVariableAssignment> assignments) :
{
    VariableScope scope = null;
    final SqlIdentifier target;
    final SqlNode value;
    final SqlNode charset;
    SqlNode collation = null;
}
{
    LOOKAHEAD(2)
    <NAMES> charset = CharsetName()
    [ <COLLATE> collation = CharsetName() ]
    {
        assignments.add(new SqlVariableAssignment(VariableScope.SESSION, "character_set_client", charset));
        assignments.add(new SqlVariableAssignment(VariableScope.SESSION, "character_set_connection", charset));
        assignments.add(new SqlVariableAssignment(VariableScope.SESSION, "character_set_results", charset));
        if (collation != null) {
            assignments.add(new SqlVariableAssignment(VariableScope.SESSION, "collation_connection", collation));
        }
    }
|
    LOOKAHEAD(2)
    <CHARACTER> <SET> charset = CharsetName()
    {
        assignments.add(new SqlVariableAssignment(VariableScope.SESSION, "character_set_client", charset));
        assignments.add(new SqlVariableAssignment(VariableScope.SESSION, "character_set_results", charset));
    }
|
    [
        LOOKAHEAD((<GLOBAL> | <SESSION> | <LOCAL>) CompoundIdentifier())
        (
            <GLOBAL> { scope = VariableScope.GLOBAL; }
        |   <SESSION> { scope = VariableScope.SESSION; }
        |   <LOCAL> { scope = VariableScope.SESSION; }
        )
    ]
    target = CompoundIdentifier()
    ( <EQ> | <COLON> <EQ> )
    value = VariableValue()
    {
        assignments.add(ParserSupport.assignment(scope, target, value));
    }
}

/** A character set or collation name as a string literal; DEFAULT stays an identifier. */
SqlNode CharsetName() :
{
    final SqlIdentifier name;
    final String text;
}
{
    name = SimpleIdentifier()
    { return SqlLiteral.createCharString(name.getSimple(), name.getParserPosition()); }
|
    text = SluiceString()
    { return SqlLiteral.createCharString(text, getPos()); }
|
    <BINARY>
    { return SqlLiteral.createCharString("binary", getPos()); }
|
    <DEFAULT_>
    { return new SqlIdentifier("DEFAULT", getPos()); }
}

/** ON and DEFAULT are reserved words, so they are read here; OFF and other bare words are identifiers. */
SqlNode VariableValue() :
{
    final SqlNode e;
}
{
    <ON> { return new SqlIdentifier("ON", getPos()); }
|
    <DEFAULT_> { return new SqlIdentifier("DEFAULT", getPos()); }
|
    <BINARY> { return new SqlIdentifier("BINARY", getPos()); }
|
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { return e; }
}

/* ---------------------------------------------------------------------------------------------------------------
 * Expressions and types
 * ------------------------------------------------------------------------------------------------------------- */

/**
 * MySQL's {@code CURRENT_USER()}, {@code SESSION_USER()}, {@code SYSTEM_USER()}: Calcite knows these words only
 * without parentheses. They become calls of functions with those names.
 */
SqlNode SluiceNiladicFunctionCall() :
{
    final Span s;
    final String name;
}
{
    ( <CURRENT_USER> | <SESSION_USER> | <SYSTEM_USER> )
    {
        s = span();
        name = token.image.toUpperCase(Locale.ROOT);
    }
    <LPAREN> <RPAREN>
    {
        return createCall(new SqlIdentifier(name, s.pos()), s.end(this),
            SqlFunctionCategory.USER_DEFINED_FUNCTION, null, new SqlNode[0]);
    }
}

/**
 * MySQL functions whose names are reserved words in Calcite's grammar: {@code DAY(x)}. They become calls of
 * functions with those names, like any other function call.
 */
SqlNode SluiceKeywordFunctionCall() :
{
    final Span s;
    final SqlNode argument;
}
{
    <DAY> { s = span(); }
    <LPAREN> argument = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN>
    {
        return createCall(new SqlIdentifier("DAY", s.pos()), s.end(this),
            SqlFunctionCategory.USER_DEFINED_FUNCTION, null, new SqlNode[] {argument});
    }
}

/** MySQL's infix {@code a DIV b} (integer division) and {@code a MOD b} (the same as {@code a % b}). */
void SluiceInfixOperator(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
}
{
    (
        <DIV> { op = MysqlOperators.DIV; }
    |
        <MOD> { op = SqlStdOperatorTable.PERCENT_REMAINDER; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/**
 * StarRocks/MySQL type names in CAST: STRING and JSON are VARCHAR, DATETIME is TIMESTAMP, LARGEINT is
 * DECIMAL(38, 0), SIGNED [INTEGER] is BIGINT, and integer types may carry a display width ({@code INT(11)}).
 */
SqlTypeNameSpec SluiceTypeName() :
{
    final Span s;
    int precision = -1;
}
{
    ( <STRING> | <JSON> )
    { return new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, getPos()); }
|
    <DATETIME> { s = span(); }
    [ <LPAREN> precision = UnsignedIntLiteral() <RPAREN> ]
    { return new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, precision, s.end(this)); }
|
    <LARGEINT> { s = span(); }
    DisplayWidthOpt()
    { return new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, 38, 0, s.end(this)); }
|
    <SIGNED> { s = span(); }
    [ <INTEGER> | <INT> ]
    { return new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, s.end(this)); }
|
    ( <INT> | <INTEGER> ) { s = span(); }
    <LPAREN> UnsignedIntLiteral() <RPAREN>
    { return new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, s.end(this)); }
|
    <BIGINT> { s = span(); }
    <LPAREN> UnsignedIntLiteral() <RPAREN>
    { return new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, s.end(this)); }
|
    <SMALLINT> { s = span(); }
    <LPAREN> UnsignedIntLiteral() <RPAREN>
    { return new SqlBasicTypeNameSpec(SqlTypeName.SMALLINT, s.end(this)); }
|
    <TINYINT> { s = span(); }
    <LPAREN> UnsignedIntLiteral() <RPAREN>
    { return new SqlBasicTypeNameSpec(SqlTypeName.TINYINT, s.end(this)); }
}

/* ---------------------------------------------------------------------------------------------------------------
 * Accounts and privileges
 * ------------------------------------------------------------------------------------------------------------- */

// '@' between the parts of an account name ('bob'@'%'); '@x' still lexes as a user variable (the longer match).
<DEFAULT, DQID, BTID, BQID, BQHID> TOKEN :
{
    < AT_SIGN: "@" >
}

/**
 * {@code CREATE USER}, {@code DROP USER}, {@code ALTER USER}, {@code SET PASSWORD}, {@code GRANT} and {@code REVOKE}:
 * one statement method, so that two tokens of lookahead tell them from CREATE TABLE, SET x = 1 and the rest.
 */
SqlNode SqlAccountManagement() :
{
    final Span s;
    boolean ifExists;
    final List<UserSpecification> users = new ArrayList<UserSpecification>();
    final List<UserAccount> accounts = new ArrayList<UserAccount>();
    final List<String> privileges = new ArrayList<String>();
    UserAccount account = UserAccount.CURRENT;
    final PrivilegeLevel level;
    final String password;
}
{
    <CREATE> { s = span(); } <USER> ifExists = IfNotExistsOpt()
    AddUserSpecification(users) ( <COMMA> AddUserSpecification(users) )*
    { return new SqlCreateUser(s.end(this), ifExists, users); }
|
    <DROP> { s = span(); } <USER> ifExists = IfExistsOpt()
    AddAccount(accounts) ( <COMMA> AddAccount(accounts) )*
    { return new SqlDropUser(s.end(this), ifExists, accounts); }
|
    <ALTER> { s = span(); } <USER> ifExists = IfExistsOpt()
    AddUserSpecification(users) ( <COMMA> AddUserSpecification(users) )*
    { return new SqlAlterUser(s.end(this), ifExists, users); }
|
    <SET> { s = span(); } <PASSWORD>
    [ <FOR> account = AccountOrCurrent() ]
    <EQ>
    (
        password = SluiceString()
    |
        <PASSWORD> <LPAREN> password = SluiceString() <RPAREN>
    )
    { return new SqlSetPassword(s.end(this), account, password); }
|
    <GRANT> { s = span(); }
    AddPrivilege(privileges) ( <COMMA> AddPrivilege(privileges) )*
    <ON> level = PrivilegeLevelSpec()
    <TO> AddAccount(accounts) ( <COMMA> AddAccount(accounts) )*
    [ <WITH> <GRANT> <OPTION> ]
    { return new SqlGrant(s.end(this), privileges, level, accounts); }
|
    <REVOKE> { s = span(); }
    AddPrivilege(privileges) ( <COMMA> AddPrivilege(privileges) )*
    <ON> level = PrivilegeLevelSpec()
    <FROM> AddAccount(accounts) ( <COMMA> AddAccount(accounts) )*
    { return new SqlRevoke(s.end(this), privileges, level, accounts); }
}

/** {@code account [IDENTIFIED [WITH plugin] [BY 'password']]}. */
void AddUserSpecification(List<UserSpecification> users) :
{
    final UserAccount account;
    String plugin = null;
    String password = null;
}
{
    account = Account()
    [
        <IDENTIFIED>
        (
            <WITH> plugin = AccountNamePart() [ <BY> password = SluiceString() ]
        |
            <BY> password = SluiceString()
        )
    ]
    {
        users.add(new UserSpecification(account, java.util.Optional.ofNullable(plugin), java.util.Optional.ofNullable(password)));
    }
}

void AddAccount(List<UserAccount> accounts) :
{
    final UserAccount account;
}
{
    account = Account() { accounts.add(account); }
}

/** An account, or {@code CURRENT_USER[()]}. */
UserAccount AccountOrCurrent() :
{
    final UserAccount account;
}
{
    <CURRENT_USER> [ <LPAREN> <RPAREN> ] { return UserAccount.CURRENT; }
|
    account = Account() { return account; }
}

/** {@code 'user'@'host'}, {@code user@host} or {@code 'user'} (any host). */
UserAccount Account() :
{
    final String user;
    String host = "%";
}
{
    user = AccountNamePart()
    [
        <AT_SIGN> host = AccountNamePart()
    |
        // user@host without quotes lexes as a name and a user variable
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && getToken(1).image.startsWith("@") && !getToken(1).image.startsWith("@@") })
        <IDENTIFIER> { host = token.image.substring(1); }
    ]
    {
        return new UserAccount(user, host);
    }
}

String AccountNamePart() :
{
    final String value;
    final SqlIdentifier name;
}
{
    value = SluiceString() { return value; }
|
    name = SimpleIdentifier() { return name.getSimple(); }
}

void AddPrivilege(List<String> privileges) :
{
}
{
    (
        <ALL> [ <PRIVILEGES> ] { privileges.add("ALL"); }
    |
        ( <SELECT> | <INSERT> | <UPDATE> | <DELETE> | <LOAD> | <ALTER> | <CREATE> | <DROP> | <USAGE> )
        { privileges.add(token.image.toUpperCase(Locale.ROOT)); }
    )
}

/** {@code *.*}, {@code *}, {@code db.*}, {@code db.table} or {@code table}. */
PrivilegeLevel PrivilegeLevelSpec() :
{
    final SqlIdentifier first;
    final SqlIdentifier second;
}
{
    <STAR>
    (
        <DOT> <STAR> { return new PrivilegeLevel(java.util.Optional.of(PrivilegeLevel.ALL), PrivilegeLevel.ALL); }
    |
        { return new PrivilegeLevel(java.util.Optional.<String>empty(), PrivilegeLevel.ALL); }
    )
|
    first = SimpleIdentifier()
    (
        <DOT>
        (
            <STAR> { return new PrivilegeLevel(java.util.Optional.of(first.getSimple()), PrivilegeLevel.ALL); }
        |
            second = SimpleIdentifier() { return new PrivilegeLevel(java.util.Optional.of(first.getSimple()), second.getSimple()); }
        )
    |
        { return new PrivilegeLevel(java.util.Optional.<String>empty(), first.getSimple()); }
    )
}

/** {@code SHOW GRANTS [FOR account | FOR CURRENT_USER[()]]}, after SHOW. */
SqlNode ShowGrants(Span s) :
{
    UserAccount account = UserAccount.CURRENT;
}
{
    <GRANTS> [ <FOR> account = AccountOrCurrent() ]
    {
        return new SqlShowGrants(s.end(this), account);
    }
}

/* ---------------------------------------------------------------------------------------------------------------
 * SHOW statements about the catalog that JDBC drivers and BI tools send (issue 6)
 * ------------------------------------------------------------------------------------------------------------- */

/**
 * {@code SHOW TABLE STATUS [FROM | IN db] [LIKE | WHERE]}, {@code SHOW INDEX | INDEXES | KEYS FROM t [FROM db] [WHERE]},
 * {@code SHOW COUNT(*) WARNINGS | ERRORS}, {@code SHOW CHARSET | CHARACTER SET | COLLATION | ENGINES [LIKE | WHERE]}.
 */
SqlNode ShowMetadata(Span s) :
{
    SqlShowMetadata.Kind kind;
    SqlIdentifier name = null;
    SqlIdentifier database = null;
    String like = null;
    SqlNode where = null;
}
{
    (
        <TABLE> <STATUS> { kind = SqlShowMetadata.Kind.TABLE_STATUS; }
        [ ( <FROM> | <IN> ) database = SimpleIdentifier() ]
    |
        ( <INDEX> | <INDEXES> | <KEYS> ) { kind = SqlShowMetadata.Kind.INDEX; }
        ( <FROM> | <IN> ) name = QualifiedName("table name")
        [
            ( <FROM> | <IN> ) database = SimpleIdentifier()
            { name = ParserSupport.qualify(database, name); database = null; }
        ]
    |
        <COUNT> <LPAREN> <STAR> <RPAREN>
        (
            <WARNINGS> { kind = SqlShowMetadata.Kind.COUNT_WARNINGS; }
        |
            <ERRORS> { kind = SqlShowMetadata.Kind.COUNT_ERRORS; }
        )
        { return new SqlShowMetadata(s.end(this), kind, false, null, null, null, null); }
    |
        ( <CHARSET> | <CHARACTER> <SET> ) { kind = SqlShowMetadata.Kind.CHARSET; }
    |
        <COLLATION> { kind = SqlShowMetadata.Kind.COLLATION; }
    |
        <ENGINES> { kind = SqlShowMetadata.Kind.ENGINES; }
    )
    [
        <LIKE> like = SluiceString()
    |
        <WHERE> where = Expression(ExprContext.ACCEPT_SUB_QUERY)
    ]
    {
        return new SqlShowMetadata(s.end(this), kind, false, name, database, like, where);
    }
}

/**
 * MySQL's postfix {@code expr COLLATE name} (Connector/J's getColumns writes {@code IS_NULLABLE COLLATE
 * utf8mb4_general_ci = 'NO'}): accepted and dropped, since strings compare under the one collation Sluice has.
 */
void SluiceCollateClause(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <COLLATE> SimpleIdentifier()
}
