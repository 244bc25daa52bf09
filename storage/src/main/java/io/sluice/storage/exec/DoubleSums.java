package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

/**
 * The result of a SUM of doubles: like MySQL, a sum that left the double range is an error, not Infinity.
 */
final class DoubleSums
{
    private DoubleSums() {}

    static double checkedSum(double sum, String expression)
    {
        if (Double.isInfinite(sum)) {
            throw new SluiceException(ErrorCode.DATA_OUT_OF_RANGE, "DOUBLE value is out of range in '" + expression + "'");
        }
        return sum;
    }
}
