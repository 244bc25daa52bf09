package io.sluice.storage.exec;

/**
 * A part of a scan: pages {@code [firstPage, endPage)} of the slice at {@code sliceIndex}.
 */
record WorkUnit(int sliceIndex, int firstPage, int endPage)
{
    WorkUnit
    {
        if (sliceIndex < 0 || firstPage < 0 || endPage < firstPage) {
            throw new IllegalArgumentException("bad work unit " + sliceIndex + ": " + firstPage + ".." + endPage);
        }
    }
}
