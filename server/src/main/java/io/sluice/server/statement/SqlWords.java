package io.sluice.server.statement;

import io.sluice.sql.parser.SluiceSqlParser;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Words that are not plain names when written without backquotes, so the point-select shortcuts leave statements using
 * them to the parser and planner: reserved words (the parser rejects them, or reads {@code user} as a function), and
 * functions called without parentheses ({@code current_date}, {@code sysdate}), which Calcite's validator prefers over a
 * column of the same name.
 */
final class SqlWords
{
    private static final Set<String> RESERVED = reservedWords();
    private static final Set<String> NILADIC_FUNCTIONS = niladicFunctions();

    private SqlWords() {}

    /** Whether the parser reserves this word (any case). */
    static boolean isReserved(String word)
    {
        // toLowerCase returns the same String when it is lower case already, as names mostly are: no copy per lookup
        return RESERVED.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Whether an unquoted reference to this name (any case) may be taken as a call rather than a column. */
    static boolean isNiladicFunction(String name)
    {
        return NILADIC_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> reservedWords()
    {
        SqlAbstractParserImpl.Metadata metadata = SqlParser.create("", SluiceSqlParser.parserConfig()).getMetadata();
        Set<String> words = new HashSet<>();
        for (String token : metadata.getTokens()) {
            if (metadata.isReservedWord(token)) {
                words.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(words);
    }

    private static Set<String> niladicFunctions()
    {
        // every library, not only those the engine enables: a name too many only costs a trip through the planner
        Set<String> names = new HashSet<>();
        for (SqlOperator operator : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(EnumSet.allOf(SqlLibrary.class)).getOperatorList()) {
            if (operator.getSyntax() == SqlSyntax.FUNCTION_ID) {
                names.add(operator.getName().toLowerCase(Locale.ROOT));
            }
        }
        for (SqlOperator operator : SqlStdOperatorTable.instance().getOperatorList()) {
            if (operator.getSyntax() == SqlSyntax.FUNCTION_ID) {
                names.add(operator.getName().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(names);
    }
}
