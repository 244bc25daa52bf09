package io.sluice.loader.decode;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * CSV messages: rows split by the row delimiter, fields by the column separator, matched to source columns by
 * position. {@code \N} is NULL; an empty field is an empty string.
 */
public final class CsvMessageDecoder
        implements MessageDecoder
{
    private final String columnSeparator;
    private final String rowDelimiter;
    private final boolean trimSpace;
    private final SourceRow row;

    public CsvMessageDecoder(int sourceCount, String columnSeparator, String rowDelimiter, boolean trimSpace)
    {
        this.columnSeparator = requireNonNull(columnSeparator, "columnSeparator is null");
        this.rowDelimiter = requireNonNull(rowDelimiter, "rowDelimiter is null");
        if (columnSeparator.isEmpty() || rowDelimiter.isEmpty()) {
            throw new IllegalArgumentException("separators must not be empty");
        }
        this.trimSpace = trimSpace;
        this.row = new SourceRow(sourceCount);
    }

    @Override
    public void decode(byte[] message, RowConsumer consumer)
    {
        String text = new String(message, StandardCharsets.UTF_8);
        // The next column separator at or after the current field, or -1 when there is none left. Kept across rows:
        // searching afresh from every row would rescan the rest of the message when rows have a single column.
        int separator = text.indexOf(columnSeparator);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(rowDelimiter, start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                separator = decodeLine(text, start, end, separator, consumer);
            }
            start = end + rowDelimiter.length();
        }
    }

    /** Decodes the row between start and end; returns the next separator position (see decode). */
    private int decodeLine(String text, int start, int end, int separator, RowConsumer consumer)
    {
        row.clear();
        int slot = 0;
        int fieldStart = start;
        while (true) {
            if (separator >= 0 && separator < fieldStart) {
                separator = text.indexOf(columnSeparator, fieldStart);
            }
            int fieldEnd = separator < 0 || separator > end ? end : separator;
            if (slot < row.slotCount()) {
                String field = text.substring(fieldStart, fieldEnd);
                if (trimSpace) {
                    field = field.trim();
                }
                if (field.equals("\\N")) {
                    row.setNull(slot);
                }
                else {
                    row.setText(slot, field);
                }
            }
            slot++;
            if (fieldEnd == end) {
                break;
            }
            fieldStart = fieldEnd + columnSeparator.length();
        }
        if (slot != row.slotCount()) {
            consumer.reject("The row has " + slot + " columns, " + row.slotCount() + " were expected: '"
                    + ValueConverter.abbreviate(text.substring(start, end)) + "'");
            return separator;
        }
        consumer.accept(row);
        return separator;
    }
}
