package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits rows into the table's tablets: by a hash of the distribution columns (stable across restarts), or, for
 * DISTRIBUTED BY RANDOM, a whole batch into the next tablet in turn.
 */
final class TabletRouter
{
    private final int[] distributionColumns;
    private final int tablets;
    private int nextRandomTablet;

    TabletRouter(int[] distributionColumns, int tablets)
    {
        if (tablets < 1) {
            throw new IllegalArgumentException("tablets must be positive");
        }
        this.distributionColumns = distributionColumns.clone();
        this.tablets = tablets;
    }

    /** The rows not marked {@code skip} (null = none), grouped by tablet, in their original order. */
    List<PendingWrite.NewRows> split(List<ColumnVector> columns, int rowCount, boolean[] skip)
    {
        int[][] rowsByTablet = new int[tablets][];
        int[] counts = new int[tablets];
        boolean random = distributionColumns.length == 0;
        int randomTablet = random ? nextRandomTablet++ % tablets : 0;
        int kept = 0;
        for (int row = 0; row < rowCount; row++) {
            if (skip != null && skip[row]) {
                continue;
            }
            kept++;
            int tablet = random ? randomTablet : (int) Math.floorMod(RowKeys.hash(columns, distributionColumns, row), (long) tablets);
            int[] rows = rowsByTablet[tablet];
            if (rows == null) {
                rows = new int[Math.min(rowCount, 1024)];
                rowsByTablet[tablet] = rows;
            }
            else if (counts[tablet] == rows.length) {
                rows = java.util.Arrays.copyOf(rows, Math.min(rowCount, rows.length * 2));
                rowsByTablet[tablet] = rows;
            }
            rows[counts[tablet]++] = row;
        }
        List<PendingWrite.NewRows> result = new ArrayList<>();
        for (int tablet = 0; tablet < tablets; tablet++) {
            if (counts[tablet] == 0) {
                continue;
            }
            if (counts[tablet] == rowCount && kept == rowCount && columns.get(0).size() == rowCount) {
                // Everything goes to one tablet and the vectors are exactly the rows: no copy.
                result.add(new PendingWrite.NewRows(tablet, columns, null, rowCount));
            }
            else {
                result.add(new PendingWrite.NewRows(tablet, columns, rowsByTablet[tablet], counts[tablet]));
            }
        }
        return result;
    }
}
