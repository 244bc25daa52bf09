package io.sluice.storage.segment;

/**
 * How the values of one page are laid out (after its optional NULL bitmap). Only non-NULL values are stored.
 * The ids are part of the file format: never renumber.
 */
enum PageEncoding
{
    /** 8 bytes per value. */
    LONG_PLAIN(1),
    /** Frame of reference: the page minimum (8 bytes), a bit width (1 byte), each value minus the minimum packed. */
    LONG_FRAME_OF_REFERENCE(2),
    /** The first value (8 bytes), the smallest delta (8 bytes), a bit width, each delta minus the smallest packed. */
    LONG_DELTA(3),
    /** IEEE 754 bits, 8 bytes per value: exact for NaN payloads and -0.0. */
    DOUBLE_PLAIN(4),
    /** Total byte length (4 bytes), the strings' bytes, a bit width, each string's length packed. */
    STRING_PLAIN(5),
    /** The smallest code (4 bytes), a bit width, each code minus the smallest packed. */
    DICTIONARY_CODES(6),
    /** The sorted dictionary of a column, laid out like {@link #STRING_PLAIN} without a NULL bitmap. */
    DICTIONARY_VALUES(7);

    private static final PageEncoding[] BY_ID = new PageEncoding[8];

    static {
        for (PageEncoding encoding : values()) {
            BY_ID[encoding.id] = encoding;
        }
    }

    private final byte id;

    PageEncoding(int id)
    {
        this.id = (byte) id;
    }

    byte id()
    {
        return id;
    }

    /** The encoding with this id, or null when there is none. */
    static PageEncoding fromId(byte id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
