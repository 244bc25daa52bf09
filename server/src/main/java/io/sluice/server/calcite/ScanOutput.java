package io.sluice.server.calcite;

import io.sluice.server.calcite.CalciteValues.Conversion;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How one output field of a {@link SluiceTableScan} is made from a row of the executor's result.
 */
sealed interface ScanOutput
        permits ScanOutput.Direct, ScanOutput.ExactAverage
{
    /**
     * The result field, converted.
     *
     * @param nullReplacement the storage value to use instead of NULL (SUM0 is 0 on no rows)
     * @param sortable whether the executor's order of the field is the SQL order of the converted value
     */
    record Direct(int field, Conversion conversion, Optional<Object> nullReplacement, boolean sortable)
            implements ScanOutput
    {
        public Direct
        {
            if (field < 0) {
                throw new IllegalArgumentException("negative field " + field);
            }
            requireNonNull(conversion, "conversion is null");
            requireNonNull(nullReplacement, "nullReplacement is null");
        }

        static Direct of(int field, Conversion conversion, boolean sortable)
        {
            return new Direct(field, conversion, Optional.empty(), sortable);
        }

        Direct withField(int newField)
        {
            return new Direct(newField, conversion, nullReplacement, sortable);
        }
    }

    /** MySQL's AVG of an integer column: a DECIMAL computed exactly from the executor's SUM and COUNT. */
    record ExactAverage(int sumField, int countField, int scale)
            implements ScanOutput
    {
        public ExactAverage
        {
            if (sumField < 0 || countField < 0 || scale < 0) {
                throw new IllegalArgumentException("negative field or scale");
            }
        }
    }
}
