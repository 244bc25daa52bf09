package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.math.BigInteger;

/**
 * Exact sums of longs as a 128-bit pair: {@code high * 2^64 + low}, low a wrapping signed long. Adding a value
 * carries +1 or -1 into high exactly when the signed addition overflows, so intermediate overflow is harmless and
 * only a final result outside the long range is an error (like MySQL, whose SUM never overflows mid-way).
 */
final class LongSums
{
    /** A page of {@link io.sluice.storage.segment.ColumnZoneMap#PAGE_ROWS} values within +-2^51 cannot overflow a long. */
    static final long SAFE_MAGNITUDE = 1L << 51;

    private LongSums() {}

    /** The carry of {@code sum = low + value} (wrapping): +1, -1 or 0. */
    static long carry(long low, long value, long sum)
    {
        return ((low ^ sum) & (value ^ sum)) < 0 ? (value < 0 ? -1 : 1) : 0;
    }

    static boolean isSafePage(long minimum, long maximum)
    {
        return minimum >= -SAFE_MAGNITUDE && maximum <= SAFE_MAGNITUDE;
    }

    static long toLong(long high, long low, String expression)
    {
        if (high != 0) {
            throw overflow(expression);
        }
        return low;
    }

    static double toDouble(long high, long low)
    {
        if (high == 0) {
            return low;
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(BigInteger.valueOf(low)).doubleValue();
    }

    /** The average: computed from the exact sum, so it is right even when the sum exceeds a long. */
    static double average(long high, long low, long count)
    {
        if (high == 0) {
            return (double) low / count;
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(BigInteger.valueOf(low)).doubleValue() / count;
    }

    static SluiceException overflow(String expression)
    {
        return new SluiceException(ErrorCode.DATA_OUT_OF_RANGE, "BIGINT value is out of range in '" + expression + "'");
    }
}
