package io.sluice.server.mysql;

import java.util.List;

/** Rows materialized as one String per value. */
final class StringArrayRowSource
        implements MysqlRowSource
{
    private final List<String[]> rows;
    private int position;

    StringArrayRowSource(List<String[]> rows)
    {
        this.rows = List.copyOf(rows);
    }

    @Override
    public boolean nextRow(MysqlRowWriter row)
    {
        if (position >= rows.size()) {
            return false;
        }
        String[] values = rows.get(position++);
        for (String value : values) {
            row.writeString(value);
        }
        return true;
    }
}
