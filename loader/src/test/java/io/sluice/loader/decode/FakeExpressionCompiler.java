package io.sluice.loader.decode;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.expression.RowExpression;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.util.ArrayList;
import java.util.List;

/**
 * Understands a few fixed expressions, enough to exercise the assembler:
 * {@code <input> * 100}, {@code <input> > 100} (numbers or numeric text; NULL in, NULL out),
 * {@code concat(<input>, '!')}, {@code <input> = 'text'} (compares the value's text), {@code 'text'}, {@code <input>}
 * (the input itself), and {@code fail()} (throws when evaluated).
 * Anything else, or an unknown input name, fails to compile as the real compiler would.
 */
final class FakeExpressionCompiler
        implements ExpressionCompiler
{
    private final List<String> compiled = new ArrayList<>();

    @Override
    public RowExpression compile(String expressionSql, List<String> inputNames, String timeZone)
    {
        compiled.add(expressionSql);
        String expression = expressionSql.trim();
        if (expression.equals("fail()")) {
            return inputs -> {
                throw new IllegalStateException("fail() was called");
            };
        }
        if (expression.startsWith("'") && expression.endsWith("'")) {
            String text = expression.substring(1, expression.length() - 1);
            return inputs -> text;
        }
        if (expression.endsWith(" * 100")) {
            int input = input(inputNames, expression.substring(0, expression.length() - " * 100".length()));
            return inputs -> inputs[input] == null ? null : number(inputs[input]) * 100;
        }
        if (expression.endsWith(" > 100")) {
            int input = input(inputNames, expression.substring(0, expression.length() - " > 100".length()));
            return inputs -> inputs[input] == null ? null : number(inputs[input]) > 100;
        }
        if (expression.startsWith("concat(") && expression.endsWith(", '!')")) {
            int input = input(inputNames, expression.substring("concat(".length(), expression.length() - ", '!')".length()));
            return inputs -> inputs[input] == null ? null : inputs[input] + "!";
        }
        int equals = expression.indexOf(" = '");
        if (equals > 0 && expression.endsWith("'")) {
            int input = input(inputNames, expression.substring(0, equals));
            String text = expression.substring(equals + " = '".length(), expression.length() - 1);
            return inputs -> inputs[input] == null ? null : inputs[input].toString().equals(text);
        }
        if (expression.matches("[A-Za-z_]+")) {
            int input = input(inputNames, expression);
            return inputs -> inputs[input];
        }
        throw new SluiceException(ErrorCode.SYNTAX_ERROR, "Cannot compile: " + expressionSql);
    }

    List<String> compiled()
    {
        return compiled;
    }

    private static int input(List<String> inputNames, String name)
    {
        for (int i = 0; i < inputNames.size(); i++) {
            if (inputNames.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new SluiceException(ErrorCode.UNKNOWN_COLUMN, "Unknown column '" + name + "'");
    }

    private static long number(Object value)
    {
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }
}
