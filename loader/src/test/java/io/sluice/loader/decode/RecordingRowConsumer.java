package io.sluice.loader.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps a copy of every row a decoder accepts (the decoder reuses its {@link SourceRow}) and every rejection reason.
 * A slot becomes {@link #MISSING}, null (NULL), a Long, Double, Boolean or String.
 */
final class RecordingRowConsumer
        implements RowConsumer
{
    static final String MISSING = "<missing>";

    private final List<List<Object>> rows = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();

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
                default -> throw new AssertionError("unknown kind " + row.kind(slot));
            };
        }
        rows.add(Arrays.asList(values));
    }

    @Override
    public void reject(String reason)
    {
        rejections.add(reason);
    }

    List<List<Object>> rows()
    {
        return rows;
    }

    List<String> rejections()
    {
        return rejections;
    }

    /** The only row accepted; fails if there was a rejection or not exactly one row. */
    List<Object> singleRow()
    {
        if (!rejections.isEmpty() || rows.size() != 1) {
            throw new AssertionError("expected exactly one row and no rejection, got rows " + rows + " and rejections " + rejections);
        }
        return rows.get(0);
    }

    /** The only rejection; fails if a row was accepted or not exactly one rejection. */
    String singleRejection()
    {
        if (!rows.isEmpty() || rejections.size() != 1) {
            throw new AssertionError("expected exactly one rejection and no row, got rows " + rows + " and rejections " + rejections);
        }
        return rejections.get(0);
    }
}
