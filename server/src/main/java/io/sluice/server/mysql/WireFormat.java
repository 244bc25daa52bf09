package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/** Reading and writing the protocol's basic data types: length-encoded integers and strings, NUL-terminated strings. */
final class WireFormat
{
    static final int NULL_VALUE = 0xFB;

    private WireFormat() {}

    static void writeLengthEncodedInteger(ByteBuf buffer, long value)
    {
        if (value < 0) {
            throw new IllegalArgumentException("length-encoded integers are unsigned: " + value);
        }
        if (value < 0xFB) {
            buffer.writeByte((int) value);
        }
        else if (value <= 0xFFFF) {
            buffer.writeByte(0xFC);
            buffer.writeShortLE((int) value);
        }
        else if (value <= 0xFFFFFF) {
            buffer.writeByte(0xFD);
            buffer.writeMediumLE((int) value);
        }
        else {
            buffer.writeByte(0xFE);
            buffer.writeLongLE(value);
        }
    }

    /** Writes UTF-8 text prefixed by its byte length; measures first so no intermediate byte array is needed. */
    static void writeLengthEncodedString(ByteBuf buffer, CharSequence value)
    {
        int length = ByteBufUtil.utf8Bytes(value);
        writeLengthEncodedInteger(buffer, length);
        ByteBufUtil.reserveAndWriteUtf8(buffer, value, length);
    }

    static void writeLengthEncodedBytes(ByteBuf buffer, byte[] value)
    {
        writeLengthEncodedInteger(buffer, value.length);
        buffer.writeBytes(value);
    }

    static void writeNulTerminatedString(ByteBuf buffer, String value)
    {
        buffer.writeCharSequence(value, StandardCharsets.UTF_8);
        buffer.writeByte(0);
    }

    /** Reads a length-encoded integer; NULL (0xFB) and the 0xFF marker are not integers here. */
    static long readLengthEncodedInteger(ByteBuf buffer)
    {
        requireReadable(buffer, 1);
        int first = buffer.readUnsignedByte();
        if (first < 0xFB) {
            return first;
        }
        return switch (first) {
            case 0xFC -> {
                requireReadable(buffer, 2);
                yield buffer.readUnsignedShortLE();
            }
            case 0xFD -> {
                requireReadable(buffer, 3);
                yield buffer.readUnsignedMediumLE();
            }
            case 0xFE -> {
                requireReadable(buffer, 8);
                yield buffer.readLongLE();
            }
            default -> throw new MalformedPacketException("invalid length-encoded integer prefix 0x" + Integer.toHexString(first));
        };
    }

    static byte[] readLengthEncodedBytes(ByteBuf buffer)
    {
        long length = readLengthEncodedInteger(buffer);
        if (length < 0 || length > buffer.readableBytes()) {
            throw new MalformedPacketException("length %s exceeds the %s remaining bytes".formatted(length, buffer.readableBytes()));
        }
        return readBytes(buffer, (int) length);
    }

    static byte[] readBytes(ByteBuf buffer, int length)
    {
        requireReadable(buffer, length);
        byte[] bytes = new byte[length];
        buffer.readBytes(bytes);
        return bytes;
    }

    /** Reads UTF-8 text up to a NUL, which is consumed; fails when there is no NUL. */
    static String readNulTerminatedString(ByteBuf buffer)
    {
        int end = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new MalformedPacketException("string is not NUL-terminated");
        }
        String value = buffer.toString(buffer.readerIndex(), end - buffer.readerIndex(), StandardCharsets.UTF_8);
        buffer.readerIndex(end + 1);
        return value;
    }

    /**
     * Reads UTF-8 text up to a NUL or the end of the packet: some clients omit the NUL after the last string of a
     * packet.
     */
    static String readNulTerminatedOrRestString(ByteBuf buffer)
    {
        int end = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) 0);
        if (end < 0) {
            return readRestString(buffer);
        }
        return readNulTerminatedString(buffer);
    }

    static String readRestString(ByteBuf buffer)
    {
        String value = buffer.toString(StandardCharsets.UTF_8);
        buffer.skipBytes(buffer.readableBytes());
        return value;
    }

    static void requireReadable(ByteBuf buffer, int length)
    {
        if (buffer.readableBytes() < length) {
            throw new MalformedPacketException("packet truncated: %s bytes needed, %s left".formatted(length, buffer.readableBytes()));
        }
    }
}
