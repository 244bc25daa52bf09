package io.sluice.storage.metadata;

import org.roaringbitmap.RoaringBitmap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Delete bitmaps as stored in the metadata database: RoaringBitmap's portable serialization.
 */
final class DeleteBitmaps
{
    private DeleteBitmaps() {}

    static byte[] serialize(RoaringBitmap bitmap)
    {
        bitmap.runOptimize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bitmap.serializedSizeInBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            bitmap.serialize(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RoaringBitmap deserialize(byte[] bytes)
    {
        RoaringBitmap bitmap = new RoaringBitmap();
        try {
            bitmap.deserialize(new DataInputStream(new ByteArrayInputStream(bytes)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("corrupt delete bitmap", e);
        }
        return bitmap;
    }
}
