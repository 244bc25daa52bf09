package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.PhysicalType;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Reads and writes segment files: a header, then each column (null mask, values), then a CRC32 of all of it.
 * Files are written completely and forced to disk before the metadata commit that publishes them.
 */
public final class SegmentFiles
{
    private static final long MAGIC = 0x534c5345_47303031L; // "SLSEG001"
    private static final byte TYPE_LONG = 1;
    private static final byte TYPE_DOUBLE = 2;
    private static final byte TYPE_STRING = 3;

    private SegmentFiles() {}

    public static void write(Path file, ColumnBatch batch)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CRC32 crc = new CRC32();
            OutputStream stream = java.nio.channels.Channels.newOutputStream(channel);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(stream, crc), 1 << 16));
            int rowCount = batch.rowCount();
            out.writeLong(MAGIC);
            out.writeInt(rowCount);
            out.writeInt(batch.columns().size());
            for (ColumnVector column : batch.columns()) {
                writeColumn(out, column, rowCount);
            }
            out.flush();
            // The checksum itself is not part of the checksummed bytes.
            DataOutputStream trailer = new DataOutputStream(stream);
            trailer.writeLong(crc.getValue());
            trailer.flush();
            channel.force(true);
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot write segment file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeColumn(DataOutputStream out, ColumnVector column, int rowCount)
            throws IOException
    {
        if (column instanceof LongVector longs) {
            out.writeByte(TYPE_LONG);
            writeNulls(out, column, rowCount);
            for (int i = 0; i < rowCount; i++) {
                out.writeLong(longs.value(i));
            }
        }
        else if (column instanceof DoubleVector doubles) {
            out.writeByte(TYPE_DOUBLE);
            writeNulls(out, column, rowCount);
            for (int i = 0; i < rowCount; i++) {
                out.writeDouble(doubles.value(i));
            }
        }
        else {
            StringVector strings = (StringVector) column;
            out.writeByte(TYPE_STRING);
            for (int i = 0; i < rowCount; i++) {
                String value = strings.value(i);
                if (value == null) {
                    out.writeInt(-1);
                }
                else {
                    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
        }
    }

    private static void writeNulls(DataOutputStream out, ColumnVector column, int rowCount)
            throws IOException
    {
        boolean any = false;
        for (int i = 0; i < rowCount && !any; i++) {
            any = column.isNull(i);
        }
        out.writeBoolean(any);
        if (any) {
            for (int i = 0; i < rowCount; i++) {
                out.writeBoolean(column.isNull(i));
            }
        }
    }

    public static Segment read(Path file, long segmentId, long version, List<PhysicalType> expectedTypes)
    {
        try (InputStream stream = Files.newInputStream(file)) {
            CRC32 crc = new CRC32();
            // The checksum wraps the buffer so it covers exactly the bytes consumed, not the trailer read ahead.
            DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(stream, 1 << 16), crc));
            if (in.readLong() != MAGIC) {
                throw corrupt(file, "bad magic number");
            }
            int rowCount = in.readInt();
            int columnCount = in.readInt();
            if (rowCount < 0 || columnCount != expectedTypes.size()) {
                throw corrupt(file, "has " + columnCount + " columns, the table has " + expectedTypes.size());
            }
            List<ColumnVector> columns = new ArrayList<>(columnCount);
            for (PhysicalType type : expectedTypes) {
                columns.add(readColumn(in, file, type, rowCount));
            }
            long computed = crc.getValue();
            long stored = in.readLong();
            if (stored != computed) {
                throw corrupt(file, "checksum mismatch");
            }
            return new Segment(segmentId, 0, version, columns, rowCount);
        }
        catch (EOFException e) {
            throw corrupt(file, "truncated");
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Cannot read segment file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ColumnVector readColumn(DataInputStream in, Path file, PhysicalType type, int rowCount)
            throws IOException
    {
        byte tag = in.readByte();
        switch (type) {
            case LONG -> {
                expectTag(file, tag, TYPE_LONG);
                boolean[] nulls = readNulls(in, rowCount);
                long[] values = new long[rowCount];
                for (int i = 0; i < rowCount; i++) {
                    values[i] = in.readLong();
                }
                return new LongVector(values, nulls, rowCount);
            }
            case DOUBLE -> {
                expectTag(file, tag, TYPE_DOUBLE);
                boolean[] nulls = readNulls(in, rowCount);
                double[] values = new double[rowCount];
                for (int i = 0; i < rowCount; i++) {
                    values[i] = in.readDouble();
                }
                return new DoubleVector(values, nulls, rowCount);
            }
            default -> {
                expectTag(file, tag, TYPE_STRING);
                String[] values = new String[rowCount];
                for (int i = 0; i < rowCount; i++) {
                    int length = in.readInt();
                    if (length >= 0) {
                        byte[] bytes = new byte[length];
                        in.readFully(bytes);
                        values[i] = new String(bytes, StandardCharsets.UTF_8);
                    }
                }
                return new StringVector(values, rowCount);
            }
        }
    }

    private static boolean[] readNulls(DataInputStream in, int rowCount)
            throws IOException
    {
        if (!in.readBoolean()) {
            return null;
        }
        boolean[] nulls = new boolean[rowCount];
        for (int i = 0; i < rowCount; i++) {
            nulls[i] = in.readBoolean();
        }
        return nulls;
    }

    private static void expectTag(Path file, byte actual, byte expected)
    {
        if (actual != expected) {
            throw corrupt(file, "column type tag " + actual + " where " + expected + " was expected");
        }
    }

    private static SluiceException corrupt(Path file, String detail)
    {
        return new SluiceException(ErrorCode.STORAGE_IO_ERROR, "Segment file " + file + " is corrupt: " + detail);
    }
}
