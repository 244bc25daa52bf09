package io.sluice.storage.segment;

import io.sluice.storage.type.PhysicalType;

/**
 * How a whole column is stored, recorded in the footer. The ids are part of the file format: never renumber.
 */
enum ColumnEncoding
{
    /** Each page picks frame of reference, delta or plain, whichever is smallest. */
    LONG_ADAPTIVE(1, PhysicalType.LONG),
    DOUBLE_PLAIN(2, PhysicalType.DOUBLE),
    STRING_PLAIN(3, PhysicalType.STRING),
    /** A sorted dictionary written once before the pages, which hold bit-packed codes; reads back as a dictionary. */
    STRING_DICTIONARY(4, PhysicalType.STRING);

    private static final ColumnEncoding[] BY_ID = new ColumnEncoding[5];

    static {
        for (ColumnEncoding encoding : values()) {
            BY_ID[encoding.id] = encoding;
        }
    }

    private final byte id;
    private final PhysicalType type;

    ColumnEncoding(int id, PhysicalType type)
    {
        this.id = (byte) id;
        this.type = type;
    }

    byte id()
    {
        return id;
    }

    PhysicalType type()
    {
        return type;
    }

    /** Whether a page of a column stored this way may use {@code page}. */
    boolean allows(PageEncoding page)
    {
        return switch (this) {
            case LONG_ADAPTIVE -> page == PageEncoding.LONG_PLAIN || page == PageEncoding.LONG_FRAME_OF_REFERENCE || page == PageEncoding.LONG_DELTA;
            case DOUBLE_PLAIN -> page == PageEncoding.DOUBLE_PLAIN;
            case STRING_PLAIN -> page == PageEncoding.STRING_PLAIN;
            case STRING_DICTIONARY -> page == PageEncoding.DICTIONARY_CODES;
        };
    }

    /** The encoding with this id, or null when there is none. */
    static ColumnEncoding fromId(byte id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
