package io.sluice.server.calcite;

import io.sluice.sql.ast.MysqlOperators;
import io.sluice.sql.function.IntervalValue;
import io.sluice.sql.function.MysqlDateFormat;
import io.sluice.sql.function.MysqlFunctions;
import io.sluice.sql.function.SqlValues;
import io.sluice.sql.parser.impl.SluiceSqlParserImpl;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NotNullImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.SourceStringReader;

import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * The function library of load expressions ({@link MysqlFunctions}) in queries, so that
 * {@code select date_format(...), lpad(...), datediff(...)} answers exactly as a routine load's COLUMNS mapping does.
 *
 * <p>Calcite would resolve {@code upper}, {@code substring}, {@code mod}... to its own operators (its standard and
 * MySQL tables are searched before any schema function), so the parser resolves them instead: {@link #PARSER_FACTORY}
 * is Sluice's grammar plus a rewrite of each call of a library function (by name, ignoring case), of {@code / % DIV},
 * and of {@code date +/- INTERVAL}, into a call of one of the operators here. Each operator derives a MySQL-like SQL
 * type, and its generated code converts the arguments to the library's values (dates become 'yyyy-MM-dd' text...),
 * calls the {@link MysqlFunctions} method and converts the result back. CASE, comparisons and the bare
 * {@code CURRENT_DATE}/{@code CURRENT_TIMESTAMP} stay Calcite's, which already agree with the library.
 *
 * <p>NOW(), FROM_UNIXTIME() and the like read the statement's start time and time zone from Calcite's
 * {@link DataContext}: the connection's {@code timeZone} property, which {@link CalciteQueryEngine} sets to the
 * session's {@code time_zone} before each execution. The parser also gives LIKE MySQL's default escape, a backslash.
 */
public final class SluiceFunctions
{
    /** For CalciteQueryEngine's {@code parserFactory} property: {@code io.sluice.server.calcite.SluiceFunctions#PARSER_FACTORY}. */
    public static final SqlParserImplFactory PARSER_FACTORY = new SqlParserImplFactory()
    {
        @Override
        public SqlAbstractParserImpl getParser(Reader reader)
        {
            RewritingParser parser = new RewritingParser(reader);
            if (reader instanceof SourceStringReader sourceReader) {
                parser.setOriginalSql(sourceReader.getSourceString());
            }
            return parser;
        }
    };

    private static final String LIKE_ESCAPE = "\\";
    private static final Map<String, LibraryOperator> FUNCTIONS = functions();
    private static final Set<String> FUNCTION_NAMES = functionNames(FUNCTIONS);
    private static final LibraryOperator DIVIDE = operator(definition("DIVIDE", 2, 2, SluiceFunctions::divideType, kernel("divide")));
    private static final LibraryOperator MOD = FUNCTIONS.get("MOD");
    private static final LibraryOperator DIV = operator(definition("DIV", 2, 2, fixed(SqlTypeName.BIGINT), kernel("integerDivide")));
    private static final LibraryOperator TRIM = operator(definition("TRIM", 3, 3, fixed(SqlTypeName.VARCHAR), kernel("trim")));
    /** Not callable from SQL: the planner's DECIMAL divisions ({@link #exactDivide}). */
    private static final LibraryOperator DECIMAL_QUOTIENT = operator(definition("DECIMAL_QUOTIENT", 3, 3, fixed(SqlTypeName.DECIMAL),
            (arguments, root) -> Expressions.call(SluiceFunctions.class, "decimalQuotient", arguments)));

    private SluiceFunctions() {}

    /** The names of every function a query can call, upper case; the same set as the interpreter's. */
    public static Set<String> functionNames()
    {
        return FUNCTION_NAMES;
    }

    private static Set<String> functionNames(Map<String, LibraryOperator> functions)
    {
        Set<String> names = new HashSet<>(functions.keySet());
        // TRIM(x) is Calcite's TRIM syntax, which the parser rewrites to the TRIM operator.
        names.add("TRIM");
        return Set.copyOf(names);
    }

    // ---- the functions

    private static Map<String, LibraryOperator> functions()
    {
        List<Definition> definitions = List.of(
                definition("NOW", 0, 0, fixed(SqlTypeName.TIMESTAMP), clocked("now")).asDynamic(),
                definition("CURRENT_TIMESTAMP", 0, 0, fixed(SqlTypeName.TIMESTAMP), clocked("now")).asDynamic(),
                definition("CURDATE", 0, 0, fixed(SqlTypeName.DATE), clocked("curdate")).asDynamic(),
                definition("CURRENT_DATE", 0, 0, fixed(SqlTypeName.DATE), clocked("curdate")).asDynamic(),
                definition("DATE_FORMAT", 2, 2, fixed(SqlTypeName.VARCHAR), kernel("dateFormat")),
                definition("FROM_UNIXTIME", 1, 2, SluiceFunctions::fromUnixtimeType, zoned("fromUnixtime")).asDynamic(),
                definition("UNIX_TIMESTAMP", 0, 1, fixed(SqlTypeName.BIGINT), SluiceFunctions::unixTimestamp).asDynamic(),
                definition("STR_TO_DATE", 2, 2, SluiceFunctions::strToDateType, kernel("strToDate")),
                definition("TO_DATE", 1, 1, fixed(SqlTypeName.DATE), kernel("toDate")),
                definition("DATE", 1, 1, fixed(SqlTypeName.DATE), kernel("toDate")),
                definition("YEAR", 1, 1, fixed(SqlTypeName.BIGINT), kernel("year")),
                definition("MONTH", 1, 1, fixed(SqlTypeName.BIGINT), kernel("month")),
                definition("DAY", 1, 1, fixed(SqlTypeName.BIGINT), kernel("day")),
                definition("DAYOFMONTH", 1, 1, fixed(SqlTypeName.BIGINT), kernel("day")),
                definition("HOUR", 1, 1, fixed(SqlTypeName.BIGINT), kernel("hour")),
                definition("MINUTE", 1, 1, fixed(SqlTypeName.BIGINT), kernel("minute")),
                definition("SECOND", 1, 1, fixed(SqlTypeName.BIGINT), kernel("second")),
                definition("DATE_ADD", 2, 2, SluiceFunctions::dateAddType, kernel("dateAdd")).withIntervalArgument(),
                definition("ADDDATE", 2, 2, SluiceFunctions::dateAddType, kernel("dateAdd")).withIntervalArgument(),
                definition("DATE_SUB", 2, 2, SluiceFunctions::dateAddType, kernel("dateSub")).withIntervalArgument(),
                definition("SUBDATE", 2, 2, SluiceFunctions::dateAddType, kernel("dateSub")).withIntervalArgument(),
                definition("DATEDIFF", 2, 2, fixed(SqlTypeName.BIGINT), kernel("datediff")),
                definition("CONCAT", 1, -1, fixed(SqlTypeName.VARCHAR), variadic("concat", 0)),
                definition("CONCAT_WS", 2, -1, fixed(SqlTypeName.VARCHAR), variadic("concatWs", 1)),
                definition("SUBSTR", 2, 3, fixed(SqlTypeName.VARCHAR), kernel("substring")),
                definition("SUBSTRING", 2, 3, fixed(SqlTypeName.VARCHAR), kernel("substring")),
                definition("LENGTH", 1, 1, fixed(SqlTypeName.BIGINT), kernel("length")),
                definition("OCTET_LENGTH", 1, 1, fixed(SqlTypeName.BIGINT), kernel("length")),
                definition("CHAR_LENGTH", 1, 1, fixed(SqlTypeName.BIGINT), kernel("charLength")),
                definition("CHARACTER_LENGTH", 1, 1, fixed(SqlTypeName.BIGINT), kernel("charLength")),
                definition("LOWER", 1, 1, fixed(SqlTypeName.VARCHAR), kernel("lower")),
                definition("LCASE", 1, 1, fixed(SqlTypeName.VARCHAR), kernel("lower")),
                definition("UPPER", 1, 1, fixed(SqlTypeName.VARCHAR), kernel("upper")),
                definition("UCASE", 1, 1, fixed(SqlTypeName.VARCHAR), kernel("upper")),
                // TRIM(x) itself is Calcite's TRIM syntax, rewritten to the three-argument TRIM below.
                definition("LTRIM", 1, 1, fixed(SqlTypeName.VARCHAR), kernel("ltrim")),
                definition("RTRIM", 1, 1, fixed(SqlTypeName.VARCHAR), kernel("rtrim")),
                definition("REPLACE", 3, 3, fixed(SqlTypeName.VARCHAR), kernel("replace")),
                definition("LPAD", 3, 3, fixed(SqlTypeName.VARCHAR), kernel("lpad")),
                definition("RPAD", 3, 3, fixed(SqlTypeName.VARCHAR), kernel("rpad")),
                definition("LOCATE", 2, 3, fixed(SqlTypeName.BIGINT), kernel("locate")),
                definition("ABS", 1, 1, binding -> numericType(binding, binding.getOperandType(0)), kernel("abs")),
                definition("ROUND", 1, 2, SluiceFunctions::roundType, kernel("round")),
                definition("FLOOR", 1, 1, SluiceFunctions::integralType, kernel("floor")),
                definition("CEIL", 1, 1, SluiceFunctions::integralType, kernel("ceil")),
                definition("CEILING", 1, 1, SluiceFunctions::integralType, kernel("ceil")),
                definition("MOD", 2, 2, SluiceFunctions::modType, kernel("mod")),
                definition("POW", 2, 2, fixed(SqlTypeName.DOUBLE), kernel("power")),
                definition("POWER", 2, 2, fixed(SqlTypeName.DOUBLE), kernel("power")),
                definition("SQRT", 1, 1, fixed(SqlTypeName.DOUBLE), kernel("sqrt")),
                definition("IF", 3, 3, binding -> commonType(binding, 1), kernel("ifFunction")),
                definition("IFNULL", 2, 2, binding -> commonType(binding, 0), kernel("ifnull")),
                definition("NVL", 2, 2, binding -> commonType(binding, 0), kernel("ifnull")),
                definition("NULLIF", 2, 2, binding -> normalized(binding.getTypeFactory(), binding.getOperandType(0)), kernel("nullif")),
                definition("COALESCE", 1, -1, binding -> commonType(binding, 0), variadic("coalesce", 0)),
                definition("LEAST", 2, -1, binding -> commonType(binding, 0), variadic("least", 0)),
                definition("GREATEST", 2, -1, binding -> commonType(binding, 0), variadic("greatest", 0)));
        Map<String, LibraryOperator> functions = new LinkedHashMap<>();
        for (Definition definition : definitions) {
            functions.put(definition.name(), operator(definition));
        }
        return Collections.unmodifiableMap(functions);
    }

    /**
     * {@code dividend / divisor} as a DECIMAL of the given type, divided exactly and rounded half up to its scale, as
     * MySQL divides. For divisions the planner makes (AVG as SUM / COUNT): Calcite's own DECIMAL division keeps only 16
     * significant digits.
     */
    static RexNode exactDivide(RexBuilder rexBuilder, RelDataType type, RexNode dividend, RexNode divisor)
    {
        if (type.getSqlTypeName() != SqlTypeName.DECIMAL) {
            throw new IllegalArgumentException("not a DECIMAL: " + type);
        }
        RexNode scale = rexBuilder.makeExactLiteral(BigDecimal.valueOf(type.getScale()));
        return rexBuilder.makeCall(type, DECIMAL_QUOTIENT, List.of(dividend, divisor, scale));
    }

    // ---- the parser: library calls become calls of our operators

    private static final class RewritingParser
            extends SluiceSqlParserImpl
    {
        RewritingParser(Reader reader)
        {
            super(reader);
        }

        @Override
        public SqlNode parseSqlExpressionEof()
                throws Exception
        {
            return rewrite(super.parseSqlExpressionEof());
        }

        @Override
        public SqlNode parseSqlStmtEof()
                throws Exception
        {
            return rewrite(super.parseSqlStmtEof());
        }

        @Override
        public SqlNodeList parseSqlStmtList()
                throws Exception
        {
            SqlNodeList statements = super.parseSqlStmtList();
            List<SqlNode> rewritten = new ArrayList<>(statements.size());
            for (SqlNode statement : statements) {
                rewritten.add(rewrite(statement));
            }
            return new SqlNodeList(rewritten, statements.getParserPosition());
        }
    }

    /** Rewrites the function calls of a query or DML statement; other statements come back unchanged. */
    static SqlNode rewrite(SqlNode statement)
    {
        if (statement == null || !(statement.isA(SqlKind.QUERY) || statement.isA(SqlKind.DML) || statement.getKind() == SqlKind.EXPLAIN
                || statement instanceof SqlBasicCall)) {
            return statement;
        }
        return InformationSchemaComparisons.rewrite(statement.accept(new HavingWithoutGroupBy())).accept(new LibraryCallRewriter());
    }

    private static final class LibraryCallRewriter
            extends SqlShuttle
    {
        @Override
        public SqlNode visit(SqlCall call)
        {
            SqlNode visited = super.visit(call);
            return visited instanceof SqlBasicCall basic ? replace(basic) : visited;
        }

        private static SqlNode replace(SqlBasicCall call)
        {
            SqlOperator operator = call.getOperator();
            SqlParserPos pos = call.getParserPosition();
            if (operator instanceof SqlUnresolvedFunction function && call.getFunctionQuantifier() == null) {
                SqlIdentifier name = function.getSqlIdentifier();
                if (name != null && name.isSimple()) {
                    LibraryOperator library = FUNCTIONS.get(name.getSimple().toUpperCase(Locale.ROOT));
                    if (library != null) {
                        return new SqlBasicCall(library, call.getOperandList(), pos);
                    }
                }
                return call;
            }
            if (operator == SqlLibraryOperators.CONVERT_ORACLE && call.operandCount() == 2 && call.operand(1) instanceof SqlIdentifier type
                    && type.isSimple() && (type.getSimple().equalsIgnoreCase("SIGNED") || type.getSimple().equalsIgnoreCase("UNSIGNED"))) {
                // MySQL's CONVERT(x, [UN]SIGNED [INTEGER]) is CAST(x AS [UN]SIGNED): a 64-bit integer
                return SqlStdOperatorTable.CAST.createCall(pos, call.operand(0), new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, pos), pos));
            }
            if (operator == MysqlOperators.DIV) {
                return new SqlBasicCall(DIV, call.getOperandList(), pos);
            }
            switch (call.getKind()) {
                case DIVIDE:
                    return new SqlBasicCall(DIVIDE, call.getOperandList(), pos);
                case MOD:
                    return new SqlBasicCall(MOD, call.getOperandList(), pos);
                case LIKE:
                    return call.operandCount() == 2 ? withMysqlEscape(call) : call;
                case TRIM: {
                    // TRIM([BOTH | LEADING | TRAILING] [remove] FROM s): the flag becomes a string argument.
                    SqlTrimFunction.Flag flag = ((SqlLiteral) call.operand(0)).getValueAs(SqlTrimFunction.Flag.class);
                    SqlNode where = SqlLiteral.createCharString(flag.name(), pos);
                    return new SqlBasicCall(TRIM, List.of(where, call.operand(1), call.operand(2)), pos);
                }
                case FLOOR:
                case CEIL:
                    if (call.operandCount() == 1) {
                        return new SqlBasicCall(FUNCTIONS.get(call.getKind().name()), call.getOperandList(), pos);
                    }
                    return call;
                case PLUS:
                    if (isInterval(call.operand(1))) {
                        return new SqlBasicCall(FUNCTIONS.get("DATE_ADD"), call.getOperandList(), pos);
                    }
                    if (isInterval(call.operand(0))) {
                        return new SqlBasicCall(FUNCTIONS.get("DATE_ADD"), List.of(call.operand(1), call.operand(0)), pos);
                    }
                    return call;
                case MINUS:
                    if (isInterval(call.operand(1))) {
                        return new SqlBasicCall(FUNCTIONS.get("DATE_SUB"), call.getOperandList(), pos);
                    }
                    return call;
                default:
                    break;
            }
            if (operator == SqlStdOperatorTable.SUBSTRING) {
                return new SqlBasicCall(FUNCTIONS.get("SUBSTRING"), call.getOperandList(), pos);
            }
            return call;
        }

        /**
         * MySQL's LIKE escapes with a backslash when no ESCAPE is given (Calcite's escapes with nothing), and a
         * backslash before any other character than {@code % _ \} stands for that character.
         */
        private static SqlNode withMysqlEscape(SqlBasicCall like)
        {
            SqlParserPos pos = like.getParserPosition();
            SqlNode pattern = like.operand(1);
            if (pattern instanceof SqlCharStringLiteral literal) {
                pattern = SqlLiteral.createCharString(escapedPattern(literal.getValueAs(String.class)), literal.getParserPosition());
            }
            return new SqlBasicCall(like.getOperator(), List.of(like.operand(0), pattern, SqlLiteral.createCharString(LIKE_ESCAPE, pos)), pos);
        }

        /** A MySQL pattern in which every backslash escapes %, _ or a backslash, as Calcite requires. */
        private static String escapedPattern(String pattern)
        {
            StringBuilder result = new StringBuilder(pattern.length());
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c != '\\') {
                    result.append(c);
                }
                else if (i + 1 == pattern.length()) {
                    // a trailing backslash is itself
                    result.append("\\\\");
                }
                else {
                    char next = pattern.charAt(++i);
                    if (next == '%' || next == '_' || next == '\\') {
                        result.append('\\');
                    }
                    result.append(next);
                }
            }
            return result.toString();
        }

        private static boolean isInterval(SqlNode node)
        {
            return node instanceof SqlIntervalLiteral || node.getKind() == SqlKind.INTERVAL;
        }
    }

    // ---- operators

    @FunctionalInterface
    private interface Implementor
    {
        /**
         * @param arguments the arguments as library values ({@link SqlValues}), typed Object or String
         * @param root the DataContext of the running statement
         */
        Expression implement(List<Expression> arguments, Expression root);
    }

    /**
     * @param maximumArguments -1 for no limit
     * @param dynamic reads the clock or the session's time zone: never folded into a constant while planning
     * @param intervalArgument the second argument may be an INTERVAL (DATE_ADD and DATE_SUB)
     */
    private record Definition(
            String name,
            int minimumArguments,
            int maximumArguments,
            SqlReturnTypeInference returnType,
            Implementor implementor,
            boolean dynamic,
            boolean intervalArgument)
    {
        Definition asDynamic()
        {
            return new Definition(name, minimumArguments, maximumArguments, returnType, implementor, true, intervalArgument);
        }

        Definition withIntervalArgument()
        {
            return new Definition(name, minimumArguments, maximumArguments, returnType, implementor, dynamic, true);
        }
    }

    private static Definition definition(String name, int minimumArguments, int maximumArguments, SqlReturnTypeInference returnType, Implementor implementor)
    {
        return new Definition(name, minimumArguments, maximumArguments, returnType, implementor, false, false);
    }

    private static LibraryOperator operator(Definition definition)
    {
        return new LibraryOperator(definition);
    }

    /**
     * A call of the library, already resolved by the parser. It is a {@link SqlUserDefinedFunction} because that is
     * how Calcite's code generator takes an implementation from outside its own operator table.
     */
    private static final class LibraryOperator
            extends SqlUserDefinedFunction
    {
        private final Definition definition;

        LibraryOperator(Definition definition)
        {
            super(new SqlIdentifier(definition.name(), SqlParserPos.ZERO),
                    SqlKind.OTHER_FUNCTION,
                    definition.returnType(),
                    LibraryOperator::inferUnknownOperandTypes,
                    null,
                    new Implementation(definition),
                    SqlFunctionCategory.SYSTEM,
                    SqlSyntax.FUNCTION);
            this.definition = definition;
        }

        /** NULL (and ? parameters) get the NULL type, which any other type absorbs. */
        private static void inferUnknownOperandTypes(SqlCallBinding binding, RelDataType returnType, RelDataType[] operandTypes)
        {
            RelDataType unknown = binding.getValidator().getUnknownType();
            RelDataTypeFactory typeFactory = binding.getTypeFactory();
            for (int i = 0; i < operandTypes.length; i++) {
                RelDataType type = SqlTypeUtil.deriveType(binding, binding.operand(i));
                operandTypes[i] = type.equals(unknown) ? typeFactory.createSqlType(SqlTypeName.NULL) : type;
            }
        }

        @Override
        public SqlOperandCountRange getOperandCountRange()
        {
            return definition.maximumArguments() < 0
                    ? SqlOperandCountRanges.from(definition.minimumArguments())
                    : SqlOperandCountRanges.between(definition.minimumArguments(), definition.maximumArguments());
        }

        /** Resolved already: SqlFunction would look the name up again among Calcite's operators. */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call)
        {
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }

        @Override
        protected void checkOperandCount(SqlValidator validator, SqlOperandTypeChecker argumentType, SqlCall call)
        {
            if (!getOperandCountRange().isValidCount(call.operandCount())) {
                throw validationError(call, "Incorrect parameter count in the call to native function '" + displayName() + "'");
            }
        }

        /** Any number, string, boolean, date, time or NULL; an INTERVAL only as DATE_ADD's second argument. */
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure)
        {
            for (int i = 0; i < binding.getOperandCount(); i++) {
                RelDataType type = binding.getOperandType(i);
                SqlTypeFamily family = type.getSqlTypeName().getFamily();
                boolean interval = SqlTypeName.INTERVAL_TYPES.contains(type.getSqlTypeName());
                boolean supported = interval
                        ? definition.intervalArgument() && i == 1
                        : type.getSqlTypeName() == SqlTypeName.NULL
                                || family == SqlTypeFamily.NUMERIC
                                || family == SqlTypeFamily.CHARACTER
                                || family == SqlTypeFamily.BOOLEAN
                                || family == SqlTypeFamily.DATE
                                || family == SqlTypeFamily.TIME
                                || (family == SqlTypeFamily.TIMESTAMP && type.getSqlTypeName() == SqlTypeName.TIMESTAMP);
                if (!supported) {
                    if (throwOnFailure) {
                        throw validationError(binding.getCall(), "Incorrect arguments to " + displayName() + ": " + type.getFullTypeString());
                    }
                    return false;
                }
            }
            return true;
        }

        private String displayName()
        {
            return definition.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean isDynamicFunction()
        {
            return definition.dynamic();
        }

        @Override
        public boolean isDeterministic()
        {
            return !definition.dynamic();
        }

        private static CalciteContextException validationError(SqlCall call, String message)
        {
            SqlParserPos pos = call.getParserPosition();
            return new CalciteContextException(message, new SqlValidatorException(message, null),
                    pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
        }
    }

    /** The code generator's view of a library function: convert arguments, call the library, convert the result. */
    private static final class Implementation
            implements ScalarFunction, ImplementableFunction
    {
        private final Definition definition;

        Implementation(Definition definition)
        {
            this.definition = definition;
        }

        @Override
        public List<FunctionParameter> getParameters()
        {
            return List.of();
        }

        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory)
        {
            // Never asked: the operator infers its type from the arguments.
            return typeFactory.createSqlType(SqlTypeName.ANY);
        }

        @Override
        public CallImplementor getImplementor()
        {
            NotNullImplementor implementor = (translator, call, operands) -> implement(translator, call, operands);
            // NullPolicy.NONE: the library decides what a NULL argument gives.
            return RexImpTable.createImplementor(implementor, NullPolicy.NONE, false);
        }

        private Expression implement(RexToLixTranslator translator, RexCall call, List<Expression> operands)
        {
            List<Expression> arguments = new ArrayList<>(operands.size());
            for (int i = 0; i < operands.size(); i++) {
                arguments.add(libraryValue(operands.get(i), call.getOperands().get(i)));
            }
            Expression result = definition.implementor().implement(arguments, translator.getRoot());
            return Expressions.call(SluiceFunctions.class, resultConverter(call.getType()), Expressions.box(result));
        }
    }

    /** Code that turns a Calcite value (days, millis, Integer...) into the library's value for that SQL type. */
    private static Expression libraryValue(Expression value, RexNode operand)
    {
        RelDataType type = operand.getType();
        SqlTypeName typeName = type.getSqlTypeName();
        Expression boxed = Expressions.box(value);
        if (typeName == SqlTypeName.NULL) {
            return Expressions.constant(null, Object.class);
        }
        if (SqlTypeName.INTERVAL_TYPES.contains(typeName)) {
            if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(typeName)) {
                return Expressions.call(SluiceFunctions.class, "monthInterval", boxed);
            }
            TimeUnit unit = type.getIntervalQualifier().getUnit();
            boolean timeUnit = unit != TimeUnit.DAY && unit != TimeUnit.WEEK;
            return Expressions.call(SluiceFunctions.class, "dayTimeInterval", boxed, Expressions.constant(timeUnit));
        }
        return switch (typeName) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> Expressions.call(SluiceFunctions.class, "integerValue", boxed);
            case FLOAT, REAL, DOUBLE -> Expressions.call(SluiceFunctions.class, "doubleValue", boxed);
            case DATE -> Expressions.call(SluiceFunctions.class, "dateValue", boxed);
            case TIME -> Expressions.call(SluiceFunctions.class, "timeValue", boxed);
            case TIMESTAMP -> Expressions.call(SluiceFunctions.class, "timestampValue", boxed);
            case CHAR, VARCHAR -> Expressions.convert_(boxed, String.class);
            default -> Expressions.convert_(boxed, Object.class);
        };
    }

    private static String resultConverter(RelDataType type)
    {
        return switch (type.getSqlTypeName()) {
            case CHAR, VARCHAR -> "toText";
            case BIGINT -> "toBigint";
            case DOUBLE -> "toDouble";
            case DECIMAL -> "toDecimal";
            case BOOLEAN -> "toBoolean";
            case DATE -> "toDate";
            case TIMESTAMP -> "toTimestamp";
            default -> throw new IllegalStateException("No conversion of library results to " + type);
        };
    }

    // ---- implementors

    private static Implementor kernel(String method)
    {
        return (arguments, root) -> Expressions.call(MysqlFunctions.class, method, arguments);
    }

    /** The library method takes the session's time zone after the arguments. */
    private static Implementor zoned(String method)
    {
        return (arguments, root) -> {
            List<Expression> withZone = new ArrayList<>(arguments);
            withZone.add(Expressions.call(SluiceFunctions.class, "zone", root));
            return Expressions.call(MysqlFunctions.class, method, withZone);
        };
    }

    /** The library method takes the statement's start time and the session's time zone. */
    private static Implementor clocked(String method)
    {
        return (arguments, root) -> Expressions.call(MysqlFunctions.class, method,
                Expressions.call(SluiceFunctions.class, "epochMillis", root),
                Expressions.call(SluiceFunctions.class, "zone", root));
    }

    private static Expression unixTimestamp(List<Expression> arguments, Expression root)
    {
        if (arguments.isEmpty()) {
            return Expressions.call(MysqlFunctions.class, "unixTimestamp", Expressions.call(SluiceFunctions.class, "epochMillis", root));
        }
        return zoned("unixTimestamp").implement(arguments, root);
    }

    /** The library method takes {@code fixed} arguments, then the rest as an Object[]. */
    private static Implementor variadic(String method, int fixed)
    {
        return (arguments, root) -> {
            List<Expression> call = new ArrayList<>(arguments.subList(0, fixed));
            call.add(Expressions.newArrayInit(Object.class, arguments.subList(fixed, arguments.size())));
            return Expressions.call(MysqlFunctions.class, method, call);
        };
    }

    // ---- result types: MySQL's, always nullable (a date that is not a date gives NULL)

    private static SqlReturnTypeInference fixed(SqlTypeName typeName)
    {
        return binding -> nullable(binding.getTypeFactory(), typeName == SqlTypeName.TIMESTAMP
                ? binding.getTypeFactory().createSqlType(typeName, 0)
                : binding.getTypeFactory().createSqlType(typeName));
    }

    private static RelDataType nullable(RelDataTypeFactory typeFactory, RelDataType type)
    {
        return typeFactory.createTypeWithNullability(type, true);
    }

    /** Integers give BIGINT, decimals keep their type, anything else (doubles, text read as a number) DOUBLE. */
    private static RelDataType numericType(SqlOperatorBinding binding, RelDataType argument)
    {
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        if (SqlTypeUtil.isIntType(argument) || argument.getSqlTypeName() == SqlTypeName.BOOLEAN) {
            return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.BIGINT));
        }
        if (argument.getSqlTypeName() == SqlTypeName.DECIMAL) {
            return nullable(typeFactory, argument);
        }
        return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.DOUBLE));
    }

    /** ROUND(decimal, d) has d decimals when d is a literal. */
    private static RelDataType roundType(SqlOperatorBinding binding)
    {
        RelDataType argument = binding.getOperandType(0);
        if (argument.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return numericType(binding, argument);
        }
        int scale = 0;
        if (binding.getOperandCount() == 2) {
            if (!binding.isOperandLiteral(1, true) || binding.isOperandNull(1, true)) {
                return numericType(binding, argument);
            }
            Integer digits = binding.getOperandLiteralValue(1, Integer.class);
            scale = digits == null ? argument.getScale() : Math.max(0, digits);
        }
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        int maxScale = typeFactory.getTypeSystem().getMaxNumericScale();
        int maxPrecision = typeFactory.getTypeSystem().getMaxNumericPrecision();
        scale = Math.min(scale, maxScale);
        int precision = Math.min(maxPrecision, argument.getPrecision() - argument.getScale() + scale + 1);
        return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.DECIMAL, Math.max(precision, scale + 1), scale));
    }

    /** FLOOR and CEIL: integers for integers and decimals, doubles for the rest. */
    private static RelDataType integralType(SqlOperatorBinding binding)
    {
        RelDataType argument = binding.getOperandType(0);
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        if (argument.getSqlTypeName() == SqlTypeName.DECIMAL) {
            int precision = Math.max(1, argument.getPrecision() - argument.getScale() + 1);
            return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.DECIMAL, precision, 0));
        }
        return numericType(binding, argument);
    }

    private static RelDataType modType(SqlOperatorBinding binding)
    {
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        if (isExact(left) && isExact(right)) {
            if (SqlTypeUtil.isIntType(left) && SqlTypeUtil.isIntType(right)) {
                return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.BIGINT));
            }
            int scale = Math.max(left.getScale(), right.getScale());
            int precision = Math.min(typeFactory.getTypeSystem().getMaxNumericPrecision(), Math.max(left.getPrecision(), right.getPrecision()) + scale);
            return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.DECIMAL, precision, scale));
        }
        return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.DOUBLE));
    }

    /** a / b: a decimal with 4 more decimals than a, or a double when either side is not an exact number. */
    private static RelDataType divideType(SqlOperatorBinding binding)
    {
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        if (!isExact(left) || !isExact(right)) {
            return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.DOUBLE));
        }
        int maxScale = typeFactory.getTypeSystem().getMaxNumericScale();
        int scale = Math.min(maxScale, (left.getSqlTypeName() == SqlTypeName.DECIMAL ? left.getScale() : 0) + SqlValues.DIVISION_EXTRA_SCALE);
        return nullable(typeFactory, typeFactory.createSqlType(SqlTypeName.DECIMAL, typeFactory.getTypeSystem().getMaxNumericPrecision(), scale));
    }

    private static boolean isExact(RelDataType type)
    {
        return SqlTypeUtil.isIntType(type) || type.getSqlTypeName() == SqlTypeName.DECIMAL || type.getSqlTypeName() == SqlTypeName.BOOLEAN;
    }

    private static RelDataType fromUnixtimeType(SqlOperatorBinding binding)
    {
        return fixed(binding.getOperandCount() == 1 ? SqlTypeName.TIMESTAMP : SqlTypeName.VARCHAR).inferReturnType(binding);
    }

    /** STR_TO_DATE gives a DATETIME when its (literal) format has a time part, a DATE when not; text otherwise. */
    private static RelDataType strToDateType(SqlOperatorBinding binding)
    {
        if (!binding.isOperandLiteral(1, false) || binding.isOperandNull(1, false)) {
            return fixed(SqlTypeName.VARCHAR).inferReturnType(binding);
        }
        String format = binding.getOperandLiteralValue(1, String.class);
        boolean time = format != null && MysqlDateFormat.hasTime(format);
        return fixed(time ? SqlTypeName.TIMESTAMP : SqlTypeName.DATE).inferReturnType(binding);
    }

    /**
     * DATE_ADD keeps a DATE a DATE for day-or-longer units, makes a DATETIME of a DATE plus hours, keeps a DATETIME,
     * and gives text for text (as MySQL does).
     */
    private static RelDataType dateAddType(SqlOperatorBinding binding)
    {
        RelDataType date = binding.getOperandType(0);
        RelDataType amount = binding.getOperandType(1);
        if (date.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
            return fixed(SqlTypeName.TIMESTAMP).inferReturnType(binding);
        }
        if (date.getSqlTypeName() == SqlTypeName.DATE) {
            boolean timeUnit = SqlTypeName.DAY_INTERVAL_TYPES.contains(amount.getSqlTypeName())
                    && amount.getIntervalQualifier().getUnit() != TimeUnit.DAY
                    && amount.getIntervalQualifier().getUnit() != TimeUnit.WEEK;
            return fixed(timeUnit ? SqlTypeName.TIMESTAMP : SqlTypeName.DATE).inferReturnType(binding);
        }
        return fixed(SqlTypeName.VARCHAR).inferReturnType(binding);
    }

    /** IF, IFNULL, COALESCE: the common type of the value arguments from {@code first} on. */
    private static RelDataType commonType(SqlOperatorBinding binding, int first)
    {
        List<RelDataType> types = new ArrayList<>();
        for (int i = first; i < binding.getOperandCount(); i++) {
            types.add(binding.getOperandType(i));
        }
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        RelDataType common = typeFactory.leastRestrictive(types);
        return normalized(typeFactory, common == null ? typeFactory.createSqlType(SqlTypeName.VARCHAR) : common);
    }

    /** One of the types results are converted to: BIGINT, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP(0) or VARCHAR. */
    private static RelDataType normalized(RelDataTypeFactory typeFactory, RelDataType type)
    {
        RelDataType result = switch (type.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case FLOAT, REAL, DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL, BOOLEAN, DATE -> type;
            case TIMESTAMP -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 0);
            default -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
        };
        return nullable(typeFactory, result);
    }

    // ---- called by the generated code: Calcite's values to the library's and back

    public static long epochMillis(DataContext root)
    {
        Long utc = DataContext.Variable.UTC_TIMESTAMP.get(root);
        return utc == null ? System.currentTimeMillis() : utc;
    }

    public static ZoneId zone(DataContext root)
    {
        TimeZone zone = DataContext.Variable.TIME_ZONE.get(root);
        return zone == null ? ZoneId.systemDefault() : zone.toZoneId();
    }

    /** Called by the code of {@link #exactDivide}: NULL for a NULL operand or a zero divisor. */
    public static BigDecimal decimalQuotient(Object dividend, Object divisor, Object scale)
    {
        BigDecimal left = SqlValues.decimalValue(dividend);
        BigDecimal right = SqlValues.decimalValue(divisor);
        if (left == null || right == null || right.signum() == 0) {
            return null;
        }
        return left.divide(right, ((Number) scale).intValue(), RoundingMode.HALF_UP);
    }

    public static Object integerValue(Object value)
    {
        return value == null ? null : (Object) ((Number) value).longValue();
    }

    public static Object doubleValue(Object value)
    {
        return value == null ? null : (Object) ((Number) value).doubleValue();
    }

    /** Calcite's DATE (days since 1970-01-01) as 'yyyy-MM-dd'. */
    public static Object dateValue(Object days)
    {
        return days == null ? null : SqlValues.formatDate(LocalDate.ofEpochDay(((Number) days).longValue()));
    }

    /** Calcite's TIME (milliseconds of the day) as 'HH:mm:ss'. */
    public static Object timeValue(Object millis)
    {
        if (millis == null) {
            return null;
        }
        LocalTime time = LocalTime.ofNanoOfDay(((Number) millis).longValue() * 1_000_000L);
        String dateTime = SqlValues.formatDateTime(LocalDate.EPOCH.atTime(time));
        return dateTime.substring(dateTime.indexOf(' ') + 1);
    }

    /** Calcite's TIMESTAMP (the wall-clock time as milliseconds since 1970 in UTC) as 'yyyy-MM-dd HH:mm:ss'. */
    public static Object timestampValue(Object millis)
    {
        if (millis == null) {
            return null;
        }
        return SqlValues.formatDateTime(LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) millis).longValue()), ZoneOffset.UTC));
    }

    public static Object monthInterval(Object months)
    {
        return months == null ? null : IntervalValue.ofMonths(((Number) months).longValue());
    }

    public static Object dayTimeInterval(Object millis, boolean timeUnit)
    {
        return millis == null ? null : IntervalValue.ofMicroseconds(Math.multiplyExact(((Number) millis).longValue(), 1000L), timeUnit);
    }

    public static String toText(Object value)
    {
        return SqlValues.text(value);
    }

    public static Long toBigint(Object value)
    {
        return SqlValues.longValue(value);
    }

    public static Double toDouble(Object value)
    {
        return SqlValues.doubleValue(value);
    }

    public static BigDecimal toDecimal(Object value)
    {
        return SqlValues.decimalValue(value);
    }

    public static Boolean toBoolean(Object value)
    {
        return value == null ? null : SqlValues.isTrue(value);
    }

    /** A library date ('yyyy-MM-dd...') as Calcite's DATE. */
    public static Integer toDate(Object value)
    {
        LocalDateTime dateTime = SqlValues.parseDateTime(value);
        return dateTime == null ? null : (int) dateTime.toLocalDate().toEpochDay();
    }

    /** A library date-time as Calcite's TIMESTAMP. */
    public static Long toTimestamp(Object value)
    {
        LocalDateTime dateTime = SqlValues.parseDateTime(value);
        return dateTime == null ? null : dateTime.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
