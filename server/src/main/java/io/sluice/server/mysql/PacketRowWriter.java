package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;

/** A row writer bound to the packet of each row in turn: text rows for queries, binary rows for prepared statements. */
interface PacketRowWriter
        extends MysqlRowWriter
{
    void startRow(ByteBuf payload);

    /** Checks the row the source wrote (or, when it had no more rows, that it wrote nothing). */
    void finishRow(boolean rowWritten);
}
