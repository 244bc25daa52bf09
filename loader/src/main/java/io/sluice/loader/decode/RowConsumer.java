package io.sluice.loader.decode;

/**
 * Receives the rows a decoder finds in one message, and the rows it could not decode.
 */
public interface RowConsumer
{
    void accept(SourceRow row);

    /** A row of the message could not become a table row; the message's other rows still count. */
    void reject(String reason);

    /**
     * The whole message could not be parsed (not JSON, truncated, invalid UTF-8, an array without
     * strip_outer_array...): a fatal parse error, which pause_on_fatal_parse_error may turn into a pause.
     */
    default void rejectMessage(String reason)
    {
        reject(reason);
    }
}
