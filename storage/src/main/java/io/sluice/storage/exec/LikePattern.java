package io.sluice.storage.exec;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A compiled MySQL LIKE pattern: {@code %} matches any sequence, {@code _} exactly one character (code point),
 * a backslash makes the next character literal and a trailing backslash is itself literal. Matching is
 * case-sensitive, consistent with the executor's {@link String#compareTo} ordering.
 * Common shapes (exact, prefix, suffix, infix) use {@link String} methods instead of the general matcher.
 */
final class LikePattern
{
    private enum Shape
    {
        EXACT, PREFIX, SUFFIX, CONTAINS, ANY, GENERAL
    }

    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte MANY = 2;

    private final String pattern;
    private final Shape shape;
    // The literal text of the fast shapes.
    private final String literal;
    // The general matcher's tokens: a kind per token and, for literals, the character.
    private final byte[] kinds;
    private final char[] characters;

    private LikePattern(String pattern, Shape shape, String literal, byte[] kinds, char[] characters)
    {
        this.pattern = pattern;
        this.shape = shape;
        this.literal = literal;
        this.kinds = kinds;
        this.characters = characters;
    }

    static LikePattern compile(String pattern)
    {
        requireNonNull(pattern, "pattern is null");
        List<Byte> kinds = new ArrayList<>();
        StringBuilder characters = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char character = pattern.charAt(i);
            if (character == '\\' && i + 1 < pattern.length()) {
                i++;
                kinds.add(LITERAL);
                characters.append(pattern.charAt(i));
            }
            else if (character == '%') {
                // Consecutive %s match the same as one.
                if (kinds.isEmpty() || kinds.get(kinds.size() - 1) != MANY) {
                    kinds.add(MANY);
                    characters.append('%');
                }
            }
            else if (character == '_') {
                kinds.add(ONE);
                characters.append('_');
            }
            else {
                kinds.add(LITERAL);
                characters.append(character);
            }
        }
        byte[] kindArray = new byte[kinds.size()];
        for (int i = 0; i < kindArray.length; i++) {
            kindArray[i] = kinds.get(i);
        }
        char[] characterArray = characters.toString().toCharArray();
        return shapeOf(pattern, kindArray, characterArray);
    }

    private static LikePattern shapeOf(String pattern, byte[] kinds, char[] characters)
    {
        int manyCount = 0;
        for (byte kind : kinds) {
            if (kind == ONE) {
                return new LikePattern(pattern, Shape.GENERAL, null, kinds, characters);
            }
            if (kind == MANY) {
                manyCount++;
            }
        }
        int length = kinds.length;
        boolean leading = length > 0 && kinds[0] == MANY;
        boolean trailing = length > 0 && kinds[length - 1] == MANY;
        if (manyCount == 0) {
            return new LikePattern(pattern, Shape.EXACT, new String(characters), kinds, characters);
        }
        if (manyCount == 1 && length == 1) {
            return new LikePattern(pattern, Shape.ANY, "", kinds, characters);
        }
        if (manyCount == 1 && trailing) {
            return new LikePattern(pattern, Shape.PREFIX, new String(characters, 0, length - 1), kinds, characters);
        }
        if (manyCount == 1 && leading) {
            return new LikePattern(pattern, Shape.SUFFIX, new String(characters, 1, length - 1), kinds, characters);
        }
        if (manyCount == 2 && leading && trailing) {
            return new LikePattern(pattern, Shape.CONTAINS, new String(characters, 1, length - 2), kinds, characters);
        }
        return new LikePattern(pattern, Shape.GENERAL, null, kinds, characters);
    }

    String pattern()
    {
        return pattern;
    }

    /** Whether every non-null value matches (the pattern is only {@code %}s). */
    boolean matchesAnything()
    {
        return shape == Shape.ANY;
    }

    /** Whether a non-null value matches. */
    boolean matches(String value)
    {
        return switch (shape) {
            case EXACT -> literal.equals(value);
            case PREFIX -> value.startsWith(literal);
            case SUFFIX -> value.endsWith(literal);
            case CONTAINS -> value.contains(literal);
            case ANY -> true;
            case GENERAL -> matchesGeneral(value);
        };
    }

    /**
     * Greedy wildcard matching with backtracking to the last {@code %}: linear for patterns with one {@code %} and
     * never worse than length(value) * length(pattern). Positions always sit on code point boundaries.
     */
    private boolean matchesGeneral(String value)
    {
        int length = value.length();
        int tokenCount = kinds.length;
        int position = 0;
        int token = 0;
        int starToken = -1;
        int starPosition = 0;
        while (position < length) {
            if (token < tokenCount && kinds[token] == ONE) {
                position += characterLength(value, position);
                token++;
            }
            else if (token < tokenCount && kinds[token] == LITERAL && characters[token] == value.charAt(position)) {
                position++;
                token++;
            }
            else if (token < tokenCount && kinds[token] == MANY) {
                starToken = token;
                token++;
                starPosition = position;
            }
            else if (starToken >= 0) {
                starPosition += characterLength(value, starPosition);
                position = starPosition;
                token = starToken + 1;
            }
            else {
                return false;
            }
        }
        while (token < tokenCount && kinds[token] == MANY) {
            token++;
        }
        return token == tokenCount;
    }

    private static int characterLength(String value, int position)
    {
        if (Character.isHighSurrogate(value.charAt(position)) && position + 1 < value.length() && Character.isLowSurrogate(value.charAt(position + 1))) {
            return 2;
        }
        return 1;
    }

    @Override
    public String toString()
    {
        return pattern;
    }
}
