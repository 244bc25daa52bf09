package io.sluice.storage.load;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A source message (or one row of it) that a load could not use, kept so users can see why. Published with the
 * batch that rejected it, so a rejection is recorded exactly once, like the rows.
 *
 * @param sequence the position in the log of rejected records, assigned when stored; 0 before
 * @param message the raw message, at most {@link #MAX_MESSAGE_BYTES} bytes of it
 * @param messageLength the length of the whole raw message, which may be more than {@code message} holds
 * @param fatal whether the whole message was unreadable (not just one of its rows)
 */
public record RejectedRecord(
        long sequence,
        long jobId,
        int partition,
        long offset,
        long messageTimestampMillis,
        long rejectTimeMillis,
        String reason,
        byte[] message,
        int messageLength,
        boolean fatal)
{
    public static final int MAX_MESSAGE_BYTES = 4096;
    public static final int MAX_REASON_LENGTH = 1024;

    public RejectedRecord
    {
        requireNonNull(reason, "reason is null");
        requireNonNull(message, "message is null");
        if (reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH);
        }
        if (message.length > MAX_MESSAGE_BYTES) {
            message = Arrays.copyOf(message, MAX_MESSAGE_BYTES);
        }
    }

    /** A record to store; {@code message} may be the whole raw message (or null for a null Kafka value). */
    public static RejectedRecord of(long jobId, int partition, long offset, long messageTimestampMillis, String reason, byte[] message, boolean fatal)
    {
        return message == null
                ? of(jobId, partition, offset, messageTimestampMillis, reason, new byte[0], 0, 0, fatal)
                : of(jobId, partition, offset, messageTimestampMillis, reason, message, 0, message.length, fatal);
    }

    /** The same for a message that is {@code buffer[messageOffset, messageOffset + messageLength)}; copies what it keeps. */
    public static RejectedRecord of(long jobId, int partition, long offset, long messageTimestampMillis, String reason, byte[] buffer, int messageOffset,
            int messageLength, boolean fatal)
    {
        byte[] kept = Arrays.copyOfRange(buffer, messageOffset, messageOffset + Math.min(messageLength, MAX_MESSAGE_BYTES));
        return new RejectedRecord(0, jobId, partition, offset, messageTimestampMillis, System.currentTimeMillis(), reason, kept, messageLength, fatal);
    }
}
