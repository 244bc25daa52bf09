package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.type.PhysicalType;

import java.util.Arrays;

/**
 * One GROUP BY column: gives each distinct value (NULL included) a dense id and keeps the values by id, columnar.
 * With a single GROUP BY column the id is the group; with several, a tuple of ids is.
 */
abstract class GroupKeyColumn
{
    abstract void startSegment(Segment segment);

    /** Writes the id of each selected row's value to {@code ids[0..count)}, adding new values. */
    abstract void resolve(int[] selection, int count, int[] ids);

    abstract int size();

    abstract boolean isNull(int id);

    /** Order of two non-NULL values by id. */
    abstract int compareNonNull(int left, int right);

    /** The value of an id in its physical representation, or null. */
    abstract Object value(int id);

    /** This column's id for the value of another instance's id (another scan thread's), added when new. */
    abstract int idOf(GroupKeyColumn other, int otherId);

    static GroupKeyColumn create(int column, PhysicalType type)
    {
        return switch (type) {
            case LONG -> new LongKeys(column);
            case DOUBLE -> new DoubleKeys(column);
            case STRING -> new StringKeys(column);
        };
    }

    /** The bits that identify a double as a key: 0.0 and -0.0 are one key, and so are all NaNs. */
    static long canonicalBits(double value)
    {
        return value == 0.0 ? 0L : Double.doubleToLongBits(value);
    }

    /**
     * Long keys. Keys within a window of {@link #DIRECT_SPAN} values (ids, dates, codes: the common GROUP BY keys)
     * are also kept in an array indexed by value, so most rows resolve with one array read instead of a hash probe.
     */
    private static final class LongKeys
            extends GroupKeyColumn
    {
        private static final int DIRECT_SPAN = 1 << 16;
        private static final long DIRECT_LIMIT = 1L << 62;
        private static final int UNKNOWN = -1;

        private final int column;
        private final LongIdMap ids = new LongIdMap();
        private long directBase;
        private int[] directIds = new int[0];
        private long[] values;
        private boolean[] nulls;

        private LongKeys(int column)
        {
            this.column = column;
        }

        @Override
        void startSegment(Segment segment)
        {
            LongVector vector = SegmentColumns.longColumn(segment, column);
            values = vector.values();
            nulls = vector.nulls();
        }

        @Override
        void resolve(int[] selection, int count, int[] ids)
        {
            long[] values = this.values;
            boolean[] nulls = this.nulls;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                if (nulls != null && nulls[row]) {
                    ids[i] = this.ids.nullId();
                    continue;
                }
                long value = values[row];
                long offset = value - directBase;
                int id = offset >= 0 && offset < directIds.length ? directIds[(int) offset] : UNKNOWN;
                ids[i] = id != UNKNOWN ? id : resolveSlowly(value);
            }
        }

        private int resolveSlowly(long value)
        {
            int id = ids.idOf(value);
            // Far from zero the window arithmetic could overflow; such keys only use the hash table.
            if (value <= -DIRECT_LIMIT || value >= DIRECT_LIMIT) {
                return id;
            }
            if (directIds.length == 0) {
                directBase = value - 64;
            }
            long low = Math.min(directBase, value);
            long high = Math.max(directBase + directIds.length, value + 1);
            if (high - low > DIRECT_SPAN) {
                return id;
            }
            if (low < directBase || high > directBase + directIds.length) {
                // Widen to cover [low, high), at least doubling so that growing one key at a time stays linear.
                int length = (int) Math.min(DIRECT_SPAN, Math.max(Math.max(high - low, 2L * directIds.length), 128));
                int[] widened = new int[length];
                Arrays.fill(widened, UNKNOWN);
                System.arraycopy(directIds, 0, widened, (int) (directBase - low), directIds.length);
                directIds = widened;
                directBase = low;
            }
            directIds[(int) (value - directBase)] = id;
            return id;
        }

        @Override
        int size()
        {
            return ids.size();
        }

        @Override
        boolean isNull(int id)
        {
            return ids.isNull(id);
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return Long.compare(ids.key(left), ids.key(right));
        }

        @Override
        Object value(int id)
        {
            return ids.isNull(id) ? null : ids.key(id);
        }

        @Override
        int idOf(GroupKeyColumn other, int otherId)
        {
            LongKeys keys = (LongKeys) other;
            return keys.ids.isNull(otherId) ? ids.nullId() : ids.idOf(keys.ids.key(otherId));
        }
    }

    private static final class DoubleKeys
            extends GroupKeyColumn
    {
        private final int column;
        private final LongIdMap ids = new LongIdMap();
        private double[] values;
        private boolean[] nulls;

        private DoubleKeys(int column)
        {
            this.column = column;
        }

        @Override
        void startSegment(Segment segment)
        {
            DoubleVector vector = SegmentColumns.doubleColumn(segment, column);
            values = vector.values();
            nulls = vector.nulls();
        }

        @Override
        void resolve(int[] selection, int count, int[] ids)
        {
            double[] values = this.values;
            boolean[] nulls = this.nulls;
            LongIdMap map = this.ids;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                ids[i] = nulls != null && nulls[row] ? map.nullId() : map.idOf(canonicalBits(values[row]));
            }
        }

        @Override
        int size()
        {
            return ids.size();
        }

        @Override
        boolean isNull(int id)
        {
            return ids.isNull(id);
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return Double.compare(Double.longBitsToDouble(ids.key(left)), Double.longBitsToDouble(ids.key(right)));
        }

        @Override
        Object value(int id)
        {
            return ids.isNull(id) ? null : Double.longBitsToDouble(ids.key(id));
        }

        @Override
        int idOf(GroupKeyColumn other, int otherId)
        {
            DoubleKeys keys = (DoubleKeys) other;
            return keys.ids.isNull(otherId) ? ids.nullId() : ids.idOf(keys.ids.key(otherId));
        }
    }

    /** String keys; a dictionary segment maps each code to its id once, so rows are resolved by array lookup. */
    private static final class StringKeys
            extends GroupKeyColumn
    {
        private static final int UNKNOWN = -1;
        private static final int[] IDENTITY = new int[ColumnZoneMap.PAGE_ROWS];

        static {
            for (int i = 0; i < IDENTITY.length; i++) {
                IDENTITY[i] = i;
            }
        }

        private final int column;
        private final StringIdMap ids = new StringIdMap();
        // Rows of a page whose code has no id yet, their values and then their ids.
        private final int[] pendingPositions = new int[ColumnZoneMap.PAGE_ROWS];
        private final String[] pendingValues = new String[ColumnZoneMap.PAGE_ROWS];
        private final int[] pendingIds = new int[ColumnZoneMap.PAGE_ROWS];
        private String[] plainStrings;
        private DictionaryVector dictionary;
        // Indexed by code + 1 (entry 0 is NULL); UNKNOWN until the code is first seen in this segment.
        private int[] idsByCode;

        private StringKeys(int column)
        {
            this.column = column;
        }

        @Override
        void startSegment(Segment segment)
        {
            ColumnVector vector = SegmentColumns.stringColumn(segment, column);
            if (vector instanceof StringVector plain) {
                plainStrings = plain.values();
                dictionary = null;
                idsByCode = null;
            }
            else {
                plainStrings = null;
                dictionary = (DictionaryVector) vector;
                idsByCode = new int[dictionary.dictionarySize() + 1];
                Arrays.fill(idsByCode, UNKNOWN);
            }
        }

        @Override
        void resolve(int[] selection, int count, int[] ids)
        {
            StringIdMap map = this.ids;
            if (dictionary == null) {
                map.idsOf(plainStrings, selection, count, ids);
                return;
            }
            int[] codes = dictionary.codes();
            int[] idsByCode = this.idsByCode;
            int pending = 0;
            for (int i = 0; i < count; i++) {
                int code = codes[selection[i]];
                int id = idsByCode[code + 1];
                if (id == UNKNOWN) {
                    if (code < 0) {
                        id = map.nullId();
                        idsByCode[0] = id;
                    }
                    else {
                        pendingPositions[pending] = i;
                        pendingValues[pending++] = dictionary.dictionaryValue(code);
                    }
                }
                ids[i] = id;
            }
            if (pending > 0) {
                // Codes first seen on this page: one batched lookup (a large dictionary has many of them).
                map.idsOf(pendingValues, IDENTITY, pending, pendingIds);
                for (int p = 0; p < pending; p++) {
                    int i = pendingPositions[p];
                    ids[i] = pendingIds[p];
                    idsByCode[codes[selection[i]] + 1] = pendingIds[p];
                    pendingValues[p] = null;
                }
            }
        }

        @Override
        int size()
        {
            return ids.size();
        }

        @Override
        boolean isNull(int id)
        {
            return ids.isNull(id);
        }

        @Override
        int compareNonNull(int left, int right)
        {
            return ids.key(left).compareTo(ids.key(right));
        }

        @Override
        Object value(int id)
        {
            return ids.key(id);
        }

        @Override
        int idOf(GroupKeyColumn other, int otherId)
        {
            StringKeys keys = (StringKeys) other;
            return keys.ids.isNull(otherId) ? ids.nullId() : ids.idOf(keys.ids.key(otherId));
        }
    }
}
