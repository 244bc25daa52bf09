package io.sluice.loader.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps a copy of every row a decoder accepts (the decoder reuses its {@link SourceRow}), every row rejection and
 * every whole-message rejection. A slot becomes {@link #MISSING}, null (NULL), a Long, Double, Boolean or String;
 * {@link SourceRow#JSON} text is wrapped in {@link Json} so tests tell it from a string.
 */
final class RecordingRowConsumer
        implements RowConsumer
{
    static final String MISSING = "<missing>";

    private final List<List<Object>> rows = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final List<String> messageRejections = new ArrayList<>();

    @Override
    public void accept(SourceRow row)
    {
        Object[] values = new Object[row.slotCount()];
        for (int slot = 0; slot < values.length; slot++) {
            values[slot] = switch (row.kind(slot)) {
                case SourceRow.MISSING -> MISSING;
                case SourceRow.NULL -> null;
                case SourceRow.LONG -> row.longValue(slot);
                case SourceRow.DOUBLE -> row.doubleValue(slot);
                case SourceRow.BOOLEAN -> row.longValue(slot) != 0;
                case SourceRow.TEXT -> row.text(slot);
                case SourceRow.JSON -> new Json(row.text(slot));
                default -> throw new AssertionError("unknown kind " + row.kind(slot));
            };
            // The char view must agree with the String.
            if (row.isText(slot)) {
                if (!row.chars(slot).toString().equals(row.text(slot)) || row.textLength(slot) != row.text(slot).length()) {
                    throw new AssertionError("chars(" + slot + ") and text(" + slot + ") differ");
                }
            }
        }
        rows.add(Arrays.asList(values));
    }

    @Override
    public void reject(String reason)
    {
        rejections.add(reason);
    }

    @Override
    public void rejectMessage(String reason)
    {
        messageRejections.add(reason);
    }

    List<List<Object>> rows()
    {
        return rows;
    }

    /** Rows rejected alone. */
    List<String> rejections()
    {
        return rejections;
    }

    /** Whole messages rejected (fatal parse errors). */
    List<String> messageRejections()
    {
        return messageRejections;
    }

    /** The only row accepted; fails if anything was rejected or not exactly one row. */
    List<Object> singleRow()
    {
        if (!rejections.isEmpty() || !messageRejections.isEmpty() || rows.size() != 1) {
            throw new AssertionError("expected exactly one row and no rejection, got rows " + rows + ", rejections " + rejections + " and message rejections " + messageRejections);
        }
        return rows.get(0);
    }

    /** The only row rejection; fails if a row was accepted, the message rejected, or not exactly one rejection. */
    String singleRejection()
    {
        if (!rows.isEmpty() || !messageRejections.isEmpty() || rejections.size() != 1) {
            throw new AssertionError("expected exactly one row rejection, got rows " + rows + ", rejections " + rejections + " and message rejections " + messageRejections);
        }
        return rejections.get(0);
    }

    /** The reason the whole message was rejected; fails if any row was accepted or rejected alone. */
    String messageRejection()
    {
        if (!rows.isEmpty() || !rejections.isEmpty() || messageRejections.size() != 1) {
            throw new AssertionError("expected the message to be rejected, got rows " + rows + ", rejections " + rejections + " and message rejections " + messageRejections);
        }
        return messageRejections.get(0);
    }

    /** JSON text of a {@link SourceRow#JSON} slot. */
    record Json(String text) {}
}
