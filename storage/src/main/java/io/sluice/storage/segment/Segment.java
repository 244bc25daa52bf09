package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An immutable set of rows of one tablet, published by one commit (or by a compaction that replaced older ones).
 * Its columns are aligned with the table's current schema.
 *
 * @param version the table version that published it; for equal keys, later versions win
 */
public final class Segment
{
    private final long id;
    private final int tablet;
    private final long version;
    private final List<ColumnVector> columns;
    private final int rowCount;
    private final ColumnZoneMap[] zoneMaps;

    public Segment(long id, int tablet, long version, List<ColumnVector> columns, int rowCount)
    {
        if (tablet < 0) {
            throw new IllegalArgumentException("negative tablet " + tablet);
        }
        this.id = id;
        this.tablet = tablet;
        this.version = version;
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        for (ColumnVector column : this.columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("column size " + column.size() + " differs from row count " + rowCount);
            }
        }
        this.rowCount = rowCount;
        this.zoneMaps = new ColumnZoneMap[this.columns.size()];
    }

    public long id()
    {
        return id;
    }

    public int tablet()
    {
        return tablet;
    }

    public long version()
    {
        return version;
    }

    public List<ColumnVector> columns()
    {
        return columns;
    }

    public ColumnVector column(int index)
    {
        return columns.get(index);
    }

    public int rowCount()
    {
        return rowCount;
    }

    /** The column's page zone maps, computed on first use (a benign race: both threads compute the same thing). */
    public ColumnZoneMap zoneMap(int column)
    {
        ColumnZoneMap zoneMap = zoneMaps[column];
        if (zoneMap == null) {
            zoneMap = ColumnZoneMap.compute(columns.get(column));
            zoneMaps[column] = zoneMap;
        }
        return zoneMap;
    }

    /** A copy of this segment with other columns (same rows), after ALTER TABLE. */
    public Segment withColumns(List<ColumnVector> newColumns)
    {
        return new Segment(id, tablet, version, newColumns, rowCount);
    }
}
