package io.sluice.loader.decode;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * CSV messages, read as bytes: rows end at the row delimiter, fields at the column separator (each up to 50 bytes,
 * any bytes: {@code ||}, {@code \x01}, UTF-8 text), matched to source columns by position. A message may hold several
 * rows; empty rows (a trailing delimiter, blank lines) are skipped.
 *
 * <ul>
 * <li>{@code \N} is NULL; an empty field is an empty string.</li>
 * <li>enclose (one byte, e.g. {@code "}): a field that starts with it runs to the next lone enclose byte, taking
 * separators and delimiters inside literally; a doubled enclose inside is one enclose character. Enclosed text is
 * never NULL and never trimmed.</li>
 * <li>escape (one byte, e.g. {@code \}): before the enclose byte, itself, or the first byte of the separator or
 * delimiter, makes that byte literal, inside and outside enclosed fields; before anything else it is kept as is.</li>
 * <li>trim_space: spaces around fields (outside enclose) are dropped.</li>
 * </ul>
 * A row with the wrong number of fields, invalid UTF-8 or an unterminated enclosed field is an error row; the other
 * rows of the message still load.
 */
public final class CsvMessageDecoder
        implements MessageDecoder
{
    public static final int MAXIMUM_SEPARATOR_BYTES = 50;

    /** No enclose or escape byte: compares unequal to every byte value. */
    private static final int NONE = 256;
    private static final int ROW_EXCERPT_BYTES = 200;

    private final byte[] columnSeparator;
    private final byte[] rowDelimiter;
    private final int enclose;
    private final int escape;
    private final boolean trimSpace;
    private final boolean singleByteSeparators;
    private final SourceRow row;
    private final String separatorsDescription;
    /** The bytes of a field that needed unescaping. */
    private byte[] unescaped = new byte[64];
    private int unescapedLength;

    /** Where the message being decoded ends in its buffer. */
    private int messageEnd;

    // Per field: how it ended, where its separator or delimiter starts, and what went wrong.
    private boolean endedBySeparator;
    private int fieldEnd;
    private String fieldError;

    public CsvMessageDecoder(int sourceCount, String columnSeparator, String rowDelimiter, boolean trimSpace)
    {
        this(sourceCount, columnSeparator, rowDelimiter, Optional.empty(), Optional.empty(), trimSpace);
    }

    /**
     * @param columnSeparator COLUMNS TERMINATED BY: text, or {@code \x} and hex digits for bytes (e.g. {@code \x01})
     * @param rowDelimiter ROWS TERMINATED BY, written the same way
     * @param enclose the enclose property: one byte
     * @param escape the escape property: one byte
     */
    public CsvMessageDecoder(int sourceCount, String columnSeparator, String rowDelimiter, Optional<String> enclose, Optional<String> escape, boolean trimSpace)
    {
        this.columnSeparator = separatorBytes(columnSeparator, "column separator");
        this.rowDelimiter = separatorBytes(rowDelimiter, "row delimiter");
        this.enclose = singleByte(enclose, "enclose");
        this.escape = singleByte(escape, "escape");
        this.trimSpace = trimSpace;
        this.singleByteSeparators = this.columnSeparator.length == 1 && this.rowDelimiter.length == 1;
        this.row = new SourceRow(sourceCount, false, StringCache.forSlots(sourceCount));
        this.separatorsDescription = ". Column separator: '" + describe(this.columnSeparator) + "', Row delimiter: '" + describe(this.rowDelimiter) + "'";
    }

    /**
     * The bytes of a separator as COLUMNS / ROWS TERMINATED BY give it: {@code \x} followed by an even number of hex
     * digits is those bytes (StarRocks' notation for invisible characters), anything else its UTF-8 bytes.
     * 1 to 50 bytes.
     */
    public static byte[] separatorBytes(String separator, String what)
    {
        requireNonNull(separator, what + " is null");
        byte[] bytes;
        String hex = separator.length() > 2 && (separator.startsWith("\\x") || separator.startsWith("\\X")) ? separator.substring(2) : null;
        if (hex != null && hex.length() % 2 == 0 && hex.chars().allMatch(character -> Character.digit(character, 16) >= 0)) {
            bytes = HexFormat.of().parseHex(hex);
        }
        else {
            bytes = separator.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length == 0 || bytes.length > MAXIMUM_SEPARATOR_BYTES) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                    "The " + what + " must be 1 to " + MAXIMUM_SEPARATOR_BYTES + " bytes, got " + bytes.length + ": '" + separator + "'");
        }
        return bytes;
    }

    private static int singleByte(Optional<String> value, String property)
    {
        if (value.isEmpty()) {
            return NONE;
        }
        byte[] bytes = value.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 1) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, property + " must be a single byte, got '" + value.get() + "'");
        }
        return bytes[0];
    }

    @Override
    public void decode(byte[] message, int offset, int length, RowConsumer consumer)
    {
        messageEnd = offset + length;
        int end = messageEnd;
        int position = offset;
        while (position < end) {
            if (startsWith(message, position, rowDelimiter)) {
                // An empty row: a blank line, or a delimiter at the start.
                position += rowDelimiter.length;
                continue;
            }
            position = decodeRow(message, position, consumer);
        }
        // Neither the message nor a buffer grown for a huge field is kept until the next one.
        row.release();
        if (unescaped.length > 1 << 16) {
            unescaped = new byte[64];
        }
    }

    /** Decodes the row starting at start; returns where the next one starts. */
    private int decodeRow(byte[] message, int start, RowConsumer consumer)
    {
        row.clear();
        String error = null;
        int fields = 0;
        int position = start;
        do {
            position = readField(message, position, fields);
            if (fieldError != null && error == null) {
                error = fieldError;
            }
            fields++;
        }
        while (endedBySeparator);
        int rowEnd = fieldEnd;
        if (fields != row.slotCount()) {
            consumer.reject("Target column count: " + row.slotCount() + " doesn't match source value column count: " + fields
                    + separatorsDescription + ". Row: " + excerpt(message, start, rowEnd));
        }
        else if (error != null) {
            consumer.reject(error + ". Row: " + excerpt(message, start, rowEnd));
        }
        else {
            consumer.accept(row);
        }
        return position;
    }

    /**
     * Reads one field into slot (when the row has that slot); returns the position after its separator or row
     * delimiter (or the end of the message), and says which ended it.
     */
    private int readField(byte[] message, int start, int slot)
    {
        fieldError = null;
        endedBySeparator = false;
        int end = messageEnd;
        int position = start;
        if (trimSpace) {
            while (position < end && message[position] == ' ') {
                position++;
            }
        }
        if (enclose != NONE && position < end && message[position] == enclose) {
            return readEnclosedField(message, position + 1, slot);
        }
        int fieldStart = position;
        // The OR of the field's bytes: negative when some byte is not ASCII.
        int bits = 0;
        boolean escaped = false;
        if (singleByteSeparators && escape == NONE) {
            // The usual case (tab or comma, newline): a tight loop.
            byte separator = columnSeparator[0];
            byte delimiter = rowDelimiter[0];
            while (position < end) {
                byte value = message[position];
                if (value == separator) {
                    endedBySeparator = true;
                    break;
                }
                if (value == delimiter) {
                    break;
                }
                bits |= value;
                position++;
            }
        }
        else {
            while (position < end) {
                byte value = message[position];
                if (value == columnSeparator[0] && startsWith(message, position, columnSeparator)) {
                    endedBySeparator = true;
                    break;
                }
                if (value == rowDelimiter[0] && startsWith(message, position, rowDelimiter)) {
                    break;
                }
                if (value == escape && position + 1 < end && isSpecial(message[position + 1])) {
                    if (!escaped) {
                        unescapedLength = 0;
                        appendUnescaped(message, fieldStart, position - fieldStart);
                        escaped = true;
                    }
                    appendUnescaped(message[position + 1]);
                    position += 2;
                    continue;
                }
                if (escaped) {
                    appendUnescaped(value);
                }
                bits |= value;
                position++;
            }
        }
        fieldEnd = position;
        int next = endedBySeparator ? position + columnSeparator.length : Math.min(end, position + rowDelimiter.length);
        if (slot >= row.slotCount()) {
            return next;
        }
        if (escaped) {
            int length = unescapedLength;
            if (trimSpace) {
                while (length > 0 && unescaped[length - 1] == ' ') {
                    length--;
                }
            }
            setText(slot, unescaped, 0, length);
            return next;
        }
        int to = position;
        if (trimSpace) {
            while (to > fieldStart && message[to - 1] == ' ') {
                to--;
            }
        }
        if (to - fieldStart == 2 && message[fieldStart] == '\\' && message[fieldStart + 1] == 'N') {
            row.setNull(slot);
        }
        else if (bits >= 0) {
            // ASCII: the row reads it in place, no copy.
            row.setAsciiText(slot, message, fieldStart, to - fieldStart);
        }
        else {
            setText(slot, message, fieldStart, to - fieldStart);
        }
        return next;
    }

    /** A field after its opening enclose byte. */
    private int readEnclosedField(byte[] message, int start, int slot)
    {
        int end = messageEnd;
        unescapedLength = 0;
        int position = start;
        boolean closed = false;
        while (position < end) {
            byte value = message[position];
            if (value == escape && position + 1 < end && isSpecial(message[position + 1])) {
                appendUnescaped(message[position + 1]);
                position += 2;
            }
            else if (value == enclose) {
                if (position + 1 < end && message[position + 1] == enclose) {
                    appendUnescaped(value);
                    position += 2;
                }
                else {
                    position++;
                    closed = true;
                    break;
                }
            }
            else {
                appendUnescaped(value);
                position++;
            }
        }
        if (!closed) {
            fieldError = "The enclosed field has no closing " + describe(new byte[] {(byte) enclose});
            setText(slot, unescaped, 0, unescapedLength);
            fieldEnd = end;
            return end;
        }
        // After the closing enclose, up to the separator: spaces go with trim_space, anything else is kept.
        while (position < end) {
            byte value = message[position];
            if (value == columnSeparator[0] && startsWith(message, position, columnSeparator)) {
                endedBySeparator = true;
                break;
            }
            if (value == rowDelimiter[0] && startsWith(message, position, rowDelimiter)) {
                break;
            }
            if (!(trimSpace && value == ' ')) {
                appendUnescaped(value);
            }
            position++;
        }
        setText(slot, unescaped, 0, unescapedLength);
        fieldEnd = position;
        return endedBySeparator ? position + columnSeparator.length : Math.min(end, position + rowDelimiter.length);
    }

    private void setText(int slot, byte[] bytes, int offset, int length)
    {
        if (slot >= row.slotCount()) {
            return;
        }
        int invalid = row.setUtf8Text(slot, bytes, offset, length);
        if (invalid >= 0 && fieldError == null) {
            fieldError = "Field " + (slot + 1) + " is not valid UTF-8 (byte 0x" + HexFormat.of().toHexDigits(bytes[invalid]) + ")";
        }
    }

    /** Whether an escape byte before this byte makes it literal. */
    private boolean isSpecial(byte value)
    {
        return value == escape || value == enclose || value == columnSeparator[0] || value == rowDelimiter[0];
    }

    private void appendUnescaped(byte value)
    {
        if (unescapedLength == unescaped.length) {
            unescaped = Arrays.copyOf(unescaped, unescaped.length * 2);
        }
        unescaped[unescapedLength++] = value;
    }

    private void appendUnescaped(byte[] source, int offset, int length)
    {
        if (unescapedLength + length > unescaped.length) {
            unescaped = Arrays.copyOf(unescaped, Math.max(unescapedLength + length, unescaped.length * 2));
        }
        System.arraycopy(source, offset, unescaped, unescapedLength, length);
        unescapedLength += length;
    }

    private boolean startsWith(byte[] message, int position, byte[] prefix)
    {
        if (position + prefix.length > messageEnd) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (message[position + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String excerpt(byte[] message, int start, int end)
    {
        int length = Math.max(0, Math.min(end - start, ROW_EXCERPT_BYTES));
        return ValueConverter.abbreviate(new String(message, start, length, StandardCharsets.UTF_8));
    }

    /** A separator as StarRocks prints it in errors: control bytes escaped. */
    private static String describe(byte[] bytes)
    {
        StringBuilder text = new StringBuilder();
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        for (int i = 0; i < decoded.length(); i++) {
            char character = decoded.charAt(i);
            switch (character) {
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> {
                    if (character < 0x20 || character == 0x7F) {
                        text.append("\\x").append(HexFormat.of().toHexDigits((byte) character));
                    }
                    else {
                        text.append(character);
                    }
                }
            }
        }
        return text.toString();
    }
}
