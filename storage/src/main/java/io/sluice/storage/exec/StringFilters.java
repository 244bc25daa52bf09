package io.sluice.storage.exec;

import io.sluice.storage.exec.ScanPredicate.Operator;
import io.sluice.storage.segment.ColumnZoneMap;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Leaf filters over plain (not dictionary-encoded) string vectors; a null element is NULL and never passes.
 * Dictionary vectors are filtered on their codes instead (see {@link FilterBinder}).
 */
final class StringFilters
{
    private StringFilters() {}

    static final class StringCompareFilter
            extends SegmentFilter
    {
        private final String[] values;
        private final Operator operator;
        private final String literal;
        private final ColumnZoneMap zoneMap;
        private final int rowCount;

        StringCompareFilter(String[] values, Operator operator, String literal, ColumnZoneMap zoneMap, int rowCount)
        {
            this.values = values;
            this.operator = operator;
            this.literal = literal;
            this.zoneMap = zoneMap;
            this.rowCount = rowCount;
        }

        @Override
        int cost()
        {
            return 2;
        }

        @Override
        int pageMatch(int page)
        {
            String minimum = zoneMap.stringMinimum(page);
            if (minimum == null) {
                return NONE;
            }
            String maximum = zoneMap.stringMaximum(page);
            boolean noNulls = zoneMap.nullCount(page) == 0;
            int minimumOrder = minimum.compareTo(literal);
            int maximumOrder = maximum.compareTo(literal);
            boolean none;
            boolean all;
            switch (operator) {
                case EQUAL -> {
                    none = minimumOrder > 0 || maximumOrder < 0;
                    all = minimumOrder == 0 && maximumOrder == 0;
                }
                case NOT_EQUAL -> {
                    none = minimumOrder == 0 && maximumOrder == 0;
                    all = minimumOrder > 0 || maximumOrder < 0;
                }
                case LESS -> {
                    none = minimumOrder >= 0;
                    all = maximumOrder < 0;
                }
                case LESS_OR_EQUAL -> {
                    none = minimumOrder > 0;
                    all = maximumOrder <= 0;
                }
                case GREATER -> {
                    none = maximumOrder <= 0;
                    all = minimumOrder > 0;
                }
                case GREATER_OR_EQUAL -> {
                    none = maximumOrder < 0;
                    all = minimumOrder >= 0;
                }
                default -> throw new IllegalStateException("unknown operator " + operator);
            }
            if (none) {
                return NONE;
            }
            return all && noNulls ? ALL : SOME;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            String[] values = this.values;
            String literal = this.literal;
            int kept = 0;
            switch (operator) {
                case EQUAL -> {
                    for (int i = 0; i < count; i++) {
                        int row = selection[i];
                        selection[kept] = row;
                        kept += literal.equals(values[row]) ? 1 : 0;
                    }
                }
                case NOT_EQUAL -> {
                    for (int i = 0; i < count; i++) {
                        int row = selection[i];
                        String value = values[row];
                        selection[kept] = row;
                        kept += value != null && !literal.equals(value) ? 1 : 0;
                    }
                }
                default -> {
                    boolean acceptLess = operator == Operator.LESS || operator == Operator.LESS_OR_EQUAL;
                    boolean acceptEqual = operator == Operator.LESS_OR_EQUAL || operator == Operator.GREATER_OR_EQUAL;
                    boolean acceptGreater = operator == Operator.GREATER || operator == Operator.GREATER_OR_EQUAL;
                    for (int i = 0; i < count; i++) {
                        int row = selection[i];
                        String value = values[row];
                        selection[kept] = row;
                        if (value != null) {
                            int order = value.compareTo(literal);
                            kept += (order < 0 ? acceptLess : order == 0 ? acceptEqual : acceptGreater) ? 1 : 0;
                        }
                    }
                }
            }
            return kept;
        }
    }

    static final class StringInFilter
            extends SegmentFilter
    {
        private final String[] values;
        // Sorted, for zone map checks; the set for row lookups.
        private final List<String> list;
        private final Set<String> set;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;

        StringInFilter(String[] values, List<String> list, Set<String> set, boolean negated, ColumnZoneMap zoneMap)
        {
            this.values = values;
            this.list = list;
            this.set = set;
            this.negated = negated;
            this.zoneMap = zoneMap;
        }

        @Override
        int cost()
        {
            return 2;
        }

        @Override
        int pageMatch(int page)
        {
            String minimum = zoneMap.stringMinimum(page);
            if (minimum == null) {
                return NONE;
            }
            String maximum = zoneMap.stringMaximum(page);
            int index = Collections.binarySearch(list, minimum);
            int first = index >= 0 ? index : -index - 1;
            boolean anyInZone = first < list.size() && list.get(first).compareTo(maximum) <= 0;
            boolean zoneIsOneListedValue = anyInZone && minimum.equals(maximum);
            if (negated ? zoneIsOneListedValue : !anyInZone) {
                return NONE;
            }
            if (zoneMap.nullCount(page) == 0 && (negated ? !anyInZone : zoneIsOneListedValue)) {
                return ALL;
            }
            return SOME;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            String[] values = this.values;
            boolean wanted = !negated;
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                String value = values[row];
                selection[kept] = row;
                kept += value != null && set.contains(value) == wanted ? 1 : 0;
            }
            return kept;
        }
    }

    static final class StringLikeFilter
            extends SegmentFilter
    {
        private final String[] values;
        private final LikePattern pattern;
        private final boolean negated;
        private final ColumnZoneMap zoneMap;

        StringLikeFilter(String[] values, LikePattern pattern, boolean negated, ColumnZoneMap zoneMap)
        {
            this.values = values;
            this.pattern = pattern;
            this.negated = negated;
            this.zoneMap = zoneMap;
        }

        @Override
        int cost()
        {
            return 3;
        }

        @Override
        int pageMatch(int page)
        {
            return zoneMap.stringMinimum(page) == null ? NONE : SOME;
        }

        @Override
        int filter(int page, int[] selection, int count)
        {
            String[] values = this.values;
            boolean wanted = !negated;
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                String value = values[row];
                selection[kept] = row;
                kept += value != null && pattern.matches(value) == wanted ? 1 : 0;
            }
            return kept;
        }
    }
}
