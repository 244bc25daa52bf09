package io.sluice.loader.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;

/**
 * Writes JSON values read by a Jackson parser as compact JSON text (no spaces, strings re-escaped minimally, numbers
 * with their exact digits) into a reusable char buffer. Iterative: nesting depth costs no stack.
 */
final class CompactJsonWriter
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private char[] chars = new char[256];
    private int length;

    void reset()
    {
        length = 0;
        // A buffer that grew for one huge value is not kept.
        if (chars.length > 1 << 16) {
            chars = new char[256];
        }
    }

    int length()
    {
        return length;
    }

    char[] chars()
    {
        return chars;
    }

    @Override
    public String toString()
    {
        return new String(chars, 0, length);
    }

    /** Writes the value starting at token (its first token, current in the parser), leaving the parser on its last token. */
    void copyValue(JsonParser parser, JsonToken token)
            throws IOException
    {
        int depth = 0;
        boolean afterValue = false;
        while (true) {
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (afterValue) {
                        append(',');
                    }
                    append(token == JsonToken.START_OBJECT ? '{' : '[');
                    depth++;
                    afterValue = false;
                }
                case END_OBJECT, END_ARRAY -> {
                    append(token == JsonToken.END_OBJECT ? '}' : ']');
                    depth--;
                    afterValue = true;
                }
                case FIELD_NAME -> {
                    if (afterValue) {
                        append(',');
                    }
                    writeQuoted(parser.currentName());
                    append(':');
                    afterValue = false;
                }
                case VALUE_STRING -> {
                    if (afterValue) {
                        append(',');
                    }
                    writeQuoted(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    afterValue = true;
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                    if (afterValue) {
                        append(',');
                    }
                    // Numbers keep the digits as written: 2.50 stays 2.50, a 30-digit integer stays exact.
                    append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    afterValue = true;
                }
                default -> throw new IOException("Unexpected JSON token " + token);
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
            if (token == null) {
                throw new IOException("Unexpected end of JSON input");
            }
        }
    }

    void writeQuoted(CharSequence text)
    {
        append('"');
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(text.charAt(i));
        }
        append('"');
    }

    private void writeQuoted(char[] source, int offset, int count)
    {
        append('"');
        for (int i = offset; i < offset + count; i++) {
            appendEscaped(source[i]);
        }
        append('"');
    }

    private void appendEscaped(char character)
    {
        if (character >= 0x20 && character != '"' && character != '\\') {
            append(character);
            return;
        }
        append('\\');
        switch (character) {
            case '"' -> append('"');
            case '\\' -> append('\\');
            case '\n' -> append('n');
            case '\r' -> append('r');
            case '\t' -> append('t');
            case '\b' -> append('b');
            case '\f' -> append('f');
            default -> {
                append('u');
                append('0');
                append('0');
                append(HEX[character >> 4]);
                append(HEX[character & 0xF]);
            }
        }
    }

    private void append(char character)
    {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[length++] = character;
    }

    private void append(char[] source, int offset, int count)
    {
        if (length + count > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(length + count, chars.length * 2));
        }
        System.arraycopy(source, offset, chars, length, count);
        length += count;
    }
}
