package io.sluice.loader.decode;

/**
 * Receives the rows a decoder finds in one message, and the rows it could not decode.
 */
public interface RowConsumer
{
    void accept(SourceRow row);

    void reject(String reason);
}
