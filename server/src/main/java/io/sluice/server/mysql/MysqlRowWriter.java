package io.sluice.server.mysql;

/**
 * Writes the values of one text-protocol row straight into the outgoing packet, so numbers need no intermediate
 * String and strings need no intermediate byte array.
 */
public interface MysqlRowWriter
{
    void writeNull();

    /** Writes the value as UTF-8 text; null writes NULL. */
    void writeString(CharSequence value);

    /** Writes the decimal text of the value. */
    void writeLong(long value);

    /** Writes the bytes as they are (already encoded text, or a binary value); null writes NULL. */
    void writeBytes(byte[] value);
}
