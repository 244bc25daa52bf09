package io.sluice.storage.segment;

/**
 * A structural problem found while decoding one page or the footer; the reader adds the file, column and page and
 * rethrows it as {@code CORRUPT_DATA}.
 */
final class CorruptPageException
        extends RuntimeException
{
    CorruptPageException(String detail)
    {
        super(detail, null, false, false);
    }
}
