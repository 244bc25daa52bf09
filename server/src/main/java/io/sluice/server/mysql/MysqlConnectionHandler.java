package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

import static io.sluice.server.mysql.Capabilities.CLIENT_PROTOCOL_41;
import static io.sluice.server.mysql.Capabilities.CLIENT_SSL;
import static io.sluice.server.mysql.Capabilities.SERVER_CAPABILITIES;
import static io.sluice.server.mysql.Capabilities.has;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * The protocol state machine of one connection: handshake, authentication, then commands.
 * <p>
 * Threading: fields are confined to the channel's event loop unless noted. Anything that may block (authentication,
 * opening the session, every session call, pulling result rows) runs on the command executor, one task at a time per
 * connection. While a task runs the connection is busy: packets that arrive are queued, so answers stay in order.
 * Reading goes on meanwhile (pausing and resuming it for every command costs two system calls), but pauses once a
 * client has piled up more than a few packets or bytes, so a client cannot pile up work. A task hands its answer and
 * control back to the event loop in one step: the loop flushes the answer, marks the connection idle and processes the
 * packets that queued up. A result set is written in batches; when the client reads slower than rows are produced, the
 * task returns its thread to the pool and is resubmitted when the channel is writable again, so slow clients hold no
 * threads.
 */
final class MysqlConnectionHandler
        extends ChannelInboundHandlerAdapter
{
    private static final Logger log = LoggerFactory.getLogger(MysqlConnectionHandler.class);

    private static final int COM_QUIT = 0x01;
    private static final int COM_INIT_DB = 0x02;
    private static final int COM_QUERY = 0x03;
    private static final int COM_FIELD_LIST = 0x04;
    private static final int COM_STATISTICS = 0x09;
    private static final int COM_PING = 0x0e;
    private static final int COM_STMT_PREPARE = 0x16;
    private static final int COM_STMT_EXECUTE = 0x17;
    private static final int COM_STMT_SEND_LONG_DATA = 0x18;
    private static final int COM_STMT_CLOSE = 0x19;
    private static final int COM_STMT_RESET = 0x1a;
    private static final int COM_STMT_FETCH = 0x1c;
    private static final int COM_RESET_CONNECTION = 0x1f;

    static final int ER_HANDSHAKE_ERROR = 1043;
    static final int ER_ACCESS_DENIED = 1045;
    static final int ER_UNKNOWN_COMMAND = 1047;
    static final int ER_UNKNOWN_ERROR = 1105;
    static final int ER_NET_PACKET_TOO_LARGE = 1153;
    static final int ER_UNSUPPORTED_PREPARED_STATEMENT = 1295;
    static final int ER_MALFORMED_PACKET = 1835;

    /** The largest result set header kept for reuse: a few dozen columns, so a connection holds little memory. */
    private static final int MAX_ENCODED_HEADER_BYTES = 8 * 1024;

    /** Reading pauses while this many packets, or bytes, wait behind a running command; clients rarely pipeline. */
    static final int MAX_QUEUED_PACKETS = 16;
    static final int MAX_QUEUED_BYTES = 64 * 1024;

    private enum State
    {
        AWAITING_HANDSHAKE_RESPONSE,
        AWAITING_AUTH_SWITCH_RESPONSE,
        AUTHENTICATING,
        READY,
        /** Closed or closing: no further packet is processed. */
        CLOSED,
    }

    /** Which answers a command may give; anything else is a bug in the session, reported as error 1105. */
    private enum ResponseShape
    {
        QUERY,
        OK_OR_ERROR,
        FIELD_LIST,
        /** COM_STATISTICS answers with bare text, carried internally as the info of an Ok. */
        STATISTICS;

        boolean accepts(MysqlResponse response)
        {
            if (response instanceof MysqlResponse.Error) {
                return true;
            }
            return switch (this) {
                case QUERY -> response instanceof MysqlResponse.Ok || response instanceof MysqlResponse.ResultSet;
                case OK_OR_ERROR, STATISTICS -> response instanceof MysqlResponse.Ok;
                case FIELD_LIST -> response instanceof MysqlResponse.FieldList;
            };
        }
    }

    private final MysqlServerConfig config;
    private final Authenticator authenticator;
    private final MysqlSessionFactory sessionFactory;
    private final Executor executor;
    private final int connectionId;

    private final ArrayDeque<MysqlPacket> queuedPackets = new ArrayDeque<>();
    private long queuedBytes;
    private ChannelHandlerContext context;
    private State state = State.AWAITING_HANDSHAKE_RESPONSE;
    private boolean busy;
    private CommandTask awaitingWritability;
    private ScheduledFuture<?> handshakeTimeout;
    private byte[] scramble;
    private HandshakeResponse handshakeResponse;
    private String clientAddress = "unknown";

    // Written on the event loop before the authentication task starts; read by worker tasks.
    private volatile int clientCapabilities;
    // Set by the authentication task, used by command tasks, closed from the event loop.
    private volatile MysqlSession session;
    // Used by command tasks only, one at a time (each starts after the previous one's completion on the event loop).
    private EncodedHeader lastHeader;

    MysqlConnectionHandler(
            MysqlServerConfig config,
            Authenticator authenticator,
            MysqlSessionFactory sessionFactory,
            Executor executor,
            int connectionId)
    {
        this.config = requireNonNull(config, "config is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.sessionFactory = requireNonNull(sessionFactory, "sessionFactory is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.connectionId = connectionId;
    }

    @Override
    public void channelActive(ChannelHandlerContext context)
    {
        this.context = context;
        this.clientAddress = hostOf(context.channel().remoteAddress());
        log.debug("Connection {} opened from {}", connectionId, clientAddress);
        scramble = NativePassword.newScramble();
        PacketWriter writer = new PacketWriter(context, 0);
        ResponsePackets.writeHandshake(writer, config.serverVersion(), connectionId, scramble);
        writer.flush();
        handshakeTimeout = context.executor().schedule(this::onHandshakeTimeout, config.handshakeTimeout().toNanos(), NANOSECONDS);
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message)
    {
        if (!(message instanceof MysqlPacket packet)) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (state == State.CLOSED) {
            packet.release();
            return;
        }
        queuedPackets.add(packet);
        queuedBytes += packet.content().readableBytes();
        processQueuedPackets();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context)
    {
        if (awaitingWritability != null && context.channel().isWritable()) {
            CommandTask task = awaitingWritability;
            awaitingWritability = null;
            resume(task);
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context)
    {
        log.debug("Connection {} closed", connectionId);
        state = State.CLOSED;
        cancelHandshakeTimeout();
        releaseQueuedPackets();
        if (awaitingWritability != null) {
            // the task sees the closed channel, closes its row source and finishes
            CommandTask task = awaitingWritability;
            awaitingWritability = null;
            resume(task);
        }
        if (!busy) {
            closeSession();
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause)
    {
        if (cause instanceof PacketTooLargeException tooLarge) {
            log.debug("Connection {}: {}", connectionId, tooLarge.getMessage());
            state = State.CLOSED;
            if (busy) {
                // a worker is writing an answer: an error now would interleave with it
                context.close();
                return;
            }
            PacketWriter writer = new PacketWriter(context, tooLarge.sequenceId() + 1);
            ResponsePackets.writeError(writer, ER_NET_PACKET_TOO_LARGE, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes");
            writer.flush().addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (cause instanceof IOException) {
            log.debug("Connection {}: {}", connectionId, cause.toString());
        }
        else {
            log.warn("Connection {}: unexpected failure, closing the connection", connectionId, cause);
        }
        state = State.CLOSED;
        context.close();
    }

    private void processQueuedPackets()
    {
        while (!busy && state != State.CLOSED) {
            MysqlPacket packet = queuedPackets.poll();
            if (packet == null) {
                break;
            }
            queuedBytes -= packet.content().readableBytes();
            try {
                handlePacket(packet);
            }
            finally {
                packet.release();
            }
        }
        if (state != State.CLOSED) {
            // setAutoRead only acts (and makes a system call) when the value changes
            context.channel().config().setAutoRead(queuedPackets.size() < MAX_QUEUED_PACKETS && queuedBytes < MAX_QUEUED_BYTES);
        }
    }

    private void handlePacket(MysqlPacket packet)
    {
        switch (state) {
            case AWAITING_HANDSHAKE_RESPONSE -> onHandshakeResponse(packet);
            case AWAITING_AUTH_SWITCH_RESPONSE -> authenticate(ByteBufUtil.getBytes(packet.content()), packet.nextSequenceId());
            case READY -> onCommand(packet);
            default -> throw new IllegalStateException("packet received in state " + state);
        }
    }

    private void onHandshakeResponse(MysqlPacket packet)
    {
        HandshakeResponse response;
        try {
            int requestedCapabilities = HandshakeResponse.peekClientCapabilities(packet.content());
            if (has(requestedCapabilities, CLIENT_SSL)) {
                refuseConnection(packet.nextSequenceId(), ER_HANDSHAKE_ERROR, "08S01", "Bad handshake: SSL is not supported by this server");
                return;
            }
            if (!has(requestedCapabilities, CLIENT_PROTOCOL_41)) {
                refuseConnection(packet.nextSequenceId(), ER_HANDSHAKE_ERROR, "08S01", "Bad handshake: clients before protocol 4.1 are not supported");
                return;
            }
            response = HandshakeResponse.parse(packet.content(), SERVER_CAPABILITIES);
        }
        catch (MalformedPacketException e) {
            log.debug("Connection {}: malformed handshake response: {}", connectionId, e.getMessage());
            refuseConnection(packet.nextSequenceId(), ER_HANDSHAKE_ERROR, "08S01", "Bad handshake");
            return;
        }
        handshakeResponse = response;
        clientCapabilities = response.capabilities();
        String plugin = response.authPluginName();
        if (plugin != null && !plugin.equals(NativePassword.PLUGIN_NAME)) {
            // e.g. caching_sha2_password: its response is useless to us; ask for native with the same scramble
            PacketWriter writer = new PacketWriter(context, packet.nextSequenceId());
            ResponsePackets.writeAuthSwitchRequest(writer, scramble);
            writer.flush();
            state = State.AWAITING_AUTH_SWITCH_RESPONSE;
            return;
        }
        authenticate(response.authResponse(), packet.nextSequenceId());
    }

    private void authenticate(byte[] authResponse, int sequenceId)
    {
        state = State.AUTHENTICATING;
        HandshakeResponse response = handshakeResponse;
        byte[] challenge = scramble;
        String address = clientAddress;
        runOnWorker(() -> {
            PacketWriter writer = new PacketWriter(context, sequenceId);
            try {
                MysqlResponse.Error refusal = openSession(response, challenge, authResponse, address);
                if (refusal == null) {
                    ResponsePackets.writeOk(writer);
                    finishWork(writer, false, () -> {
                        state = State.READY;
                        cancelHandshakeTimeout();
                    });
                    return;
                }
                ResponsePackets.writeError(writer, refusal);
                finishWork(writer, true, () -> state = State.CLOSED);
            }
            catch (Throwable failure) {
                log.error("Connection {}: authentication failed unexpectedly, closing the connection", connectionId, failure);
                writer.discard();
                context.close();
                finishWork(null, false, () -> state = State.CLOSED);
            }
        });
    }

    /** Runs on a worker: checks the credentials and opens the session; returns the error to send, or null. */
    private MysqlResponse.Error openSession(HandshakeResponse response, byte[] challenge, byte[] authResponse, String address)
    {
        try {
            if (!authenticator.authenticate(response.user(), address, challenge, authResponse)) {
                log.debug("Connection {}: access denied for user '{}'", connectionId, response.user());
                return new MysqlResponse.Error(ER_ACCESS_DENIED, "28000", "Access denied for user '%s'@'%s' (using password: %s)"
                        .formatted(response.user(), address, authResponse.length > 0 ? "YES" : "NO"));
            }
            session = requireNonNull(
                    sessionFactory.open(new ConnectionInfo(connectionId, response.user(), address, response.database(), response.capabilities())),
                    "session factory returned null");
            return null;
        }
        catch (MysqlException e) {
            return e.toResponse();
        }
        catch (RuntimeException e) {
            log.warn("Connection {}: opening the session failed", connectionId, e);
            return unexpectedError(e);
        }
    }

    private void onCommand(MysqlPacket packet)
    {
        ByteBuf payload = packet.content();
        int sequenceId = packet.nextSequenceId();
        if (!payload.isReadable()) {
            writeErrorNow(sequenceId, ER_MALFORMED_PACKET, "HY000", "Malformed communication packet.");
            return;
        }
        int command = payload.readUnsignedByte();
        switch (command) {
            case COM_QUERY -> {
                String sql = WireFormat.readRestString(payload);
                execute(sequenceId, ResponseShape.QUERY, session -> session.query(sql));
            }
            case COM_INIT_DB -> {
                String database = WireFormat.readRestString(payload);
                execute(sequenceId, ResponseShape.OK_OR_ERROR, session -> session.initDatabase(database));
            }
            case COM_FIELD_LIST -> {
                String table = WireFormat.readNulTerminatedOrRestString(payload);
                String wildcard = WireFormat.readRestString(payload);
                execute(sequenceId, ResponseShape.FIELD_LIST, session -> session.fieldList(table, wildcard));
            }
            case COM_STATISTICS -> execute(sequenceId, ResponseShape.STATISTICS,
                    session -> new MysqlResponse.Ok(0, 0, 0, requireNonNull(session.statistics(), "statistics() returned null")));
            case COM_RESET_CONNECTION -> execute(sequenceId, ResponseShape.OK_OR_ERROR, MysqlSession::resetConnection);
            case COM_PING -> {
                PacketWriter writer = new PacketWriter(context, sequenceId);
                ResponsePackets.writeOk(writer);
                writer.flush();
            }
            case COM_QUIT -> {
                state = State.CLOSED;
                context.close();
            }
            case COM_STMT_PREPARE, COM_STMT_EXECUTE, COM_STMT_FETCH, COM_STMT_RESET -> writeErrorNow(
                    sequenceId,
                    ER_UNSUPPORTED_PREPARED_STATEMENT,
                    "HY000",
                    "This command is not supported in the prepared statement protocol yet");
            case COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA -> {
                // the protocol defines no answer to these
            }
            default -> writeErrorNow(sequenceId, ER_UNKNOWN_COMMAND, "08S01", "Unknown command");
        }
    }

    private void execute(int sequenceId, ResponseShape shape, Function<MysqlSession, MysqlResponse> command)
    {
        runOnWorker(new CommandTask(new PacketWriter(context, sequenceId), shape, command));
    }

    private void runOnWorker(Runnable task)
    {
        busy = true;
        try {
            executor.execute(task);
        }
        catch (RejectedExecutionException e) {
            log.debug("Connection {}: command executor is shut down, closing the connection", connectionId);
            busy = false;
            state = State.CLOSED;
            context.close();
        }
    }

    private void resume(CommandTask task)
    {
        try {
            executor.execute(task);
        }
        catch (RejectedExecutionException e) {
            task.abandon();
            busy = false;
            state = State.CLOSED;
            context.close();
            closeSession();
        }
    }

    /**
     * Called by a worker task when its answer is complete, as its last action: in one event loop task (one wake-up of the
     * loop per command), marks the connection idle, flushes what the answer left in {@code writer} (then closes the
     * connection when asked), applies the task's state change and processes the packets that queued up; when the
     * connection closed meanwhile, the rest of the answer is dropped and the session closed instead.
     */
    private void finishWork(PacketWriter writer, boolean closeAfterFlush, Runnable stateChange)
    {
        try {
            context.executor().execute(() -> {
                busy = false;
                if (state == State.CLOSED) {
                    if (writer != null) {
                        writer.discard();
                    }
                    closeSession();
                    return;
                }
                if (writer != null) {
                    ChannelFuture flushed = writer.flush();
                    if (closeAfterFlush) {
                        flushed.addListener(ChannelFutureListener.CLOSE);
                    }
                }
                try {
                    stateChange.run();
                    processQueuedPackets();
                }
                catch (RuntimeException e) {
                    exceptionCaught(context, e);
                }
            });
        }
        catch (RejectedExecutionException e) {
            // the event loop is gone with the server: nothing more will be read, only the session is left to close
            if (writer != null) {
                writer.discard();
            }
            closeSessionOnThisThread();
        }
    }

    /** Runs on the worker: resumes after the event loop's check, so no writability change is missed. */
    private void suspendUntilWritable(CommandTask task)
    {
        try {
            context.executor().execute(() -> {
                Channel channel = context.channel();
                if (channel.isWritable() || !channel.isActive()) {
                    resume(task);
                }
                else {
                    awaitingWritability = task;
                }
            });
        }
        catch (RejectedExecutionException e) {
            task.abandon();
            closeSessionOnThisThread();
        }
    }

    private void onHandshakeTimeout()
    {
        if (state == State.AWAITING_HANDSHAKE_RESPONSE || state == State.AWAITING_AUTH_SWITCH_RESPONSE) {
            log.debug("Connection {}: handshake not completed within {}, closing the connection", connectionId, config.handshakeTimeout());
            state = State.CLOSED;
            context.close();
        }
    }

    private void refuseConnection(int sequenceId, int code, String sqlState, String message)
    {
        state = State.CLOSED;
        PacketWriter writer = new PacketWriter(context, sequenceId);
        ResponsePackets.writeError(writer, code, sqlState, message);
        writer.flush().addListener(ChannelFutureListener.CLOSE);
    }

    private void writeErrorNow(int sequenceId, int code, String sqlState, String message)
    {
        PacketWriter writer = new PacketWriter(context, sequenceId);
        ResponsePackets.writeError(writer, code, sqlState, message);
        writer.flush();
    }

    private void closeSession()
    {
        MysqlSession current = session;
        if (current == null) {
            return;
        }
        session = null;
        try {
            executor.execute(() -> closeQuietly(current));
        }
        catch (RejectedExecutionException e) {
            closeQuietly(current);
        }
    }

    private void closeSessionOnThisThread()
    {
        MysqlSession current = session;
        session = null;
        closeQuietly(current);
    }

    private void closeQuietly(MysqlSession current)
    {
        if (current == null) {
            return;
        }
        try {
            current.close();
        }
        catch (RuntimeException e) {
            log.warn("Connection {}: closing the session failed", connectionId, e);
        }
    }

    private void cancelHandshakeTimeout()
    {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
            handshakeTimeout = null;
        }
    }

    private void releaseQueuedPackets()
    {
        MysqlPacket packet;
        while ((packet = queuedPackets.poll()) != null) {
            packet.release();
        }
    }

    /** Error 1105 for an unexpected exception: its message's first line, never a stack trace. */
    static MysqlResponse.Error unexpectedError(Throwable failure)
    {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        int lineEnd = message.indexOf('\n');
        if (lineEnd >= 0) {
            message = message.substring(0, lineEnd).stripTrailing();
        }
        return new MysqlResponse.Error(ER_UNKNOWN_ERROR, "HY000", message);
    }

    private static String hostOf(SocketAddress address)
    {
        if (address instanceof InetSocketAddress inetAddress && inetAddress.getAddress() != null) {
            return inetAddress.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** Runs one command on a worker and writes its answer; a result set may take several runs (see the class doc). */
    private final class CommandTask
            implements Runnable
    {
        private final PacketWriter writer;
        private final ResponseShape shape;
        private final Function<MysqlSession, MysqlResponse> command;
        private RowStreamer rows;

        CommandTask(PacketWriter writer, ResponseShape shape, Function<MysqlSession, MysqlResponse> command)
        {
            this.writer = writer;
            this.shape = shape;
            this.command = command;
        }

        @Override
        public void run()
        {
            try {
                if (rows == null) {
                    rows = writeResponse(invoke());
                }
                if (rows != null) {
                    if (!rows.writeRows()) {
                        writer.flush();
                        suspendUntilWritable(this);
                        return;
                    }
                    rows = null;
                }
            }
            catch (Throwable failure) {
                // a failure while encoding leaves the stream in an unknown state: the connection cannot continue
                log.error("Connection {}: failed to write an answer, closing the connection", connectionId, failure);
                abandon();
                writer.discard();
                context.close();
                finishWork(null, false, () -> {});
                return;
            }
            finishWork(writer, false, () -> {});
        }

        /** Gives up on the rows when the task cannot continue; closes the row source. */
        void abandon()
        {
            if (rows != null) {
                rows.close();
                rows = null;
            }
        }

        private MysqlResponse invoke()
        {
            try {
                MysqlResponse response = command.apply(session);
                if (response == null) {
                    throw new IllegalStateException("session returned no response");
                }
                if (!shape.accepts(response)) {
                    if (response instanceof MysqlResponse.ResultSet resultSet) {
                        closeRowSource(resultSet.rows());
                    }
                    throw new IllegalStateException("session answered a %s command with %s".formatted(
                            shape.name().toLowerCase(Locale.ROOT), response.getClass().getSimpleName()));
                }
                return response;
            }
            catch (MysqlException e) {
                return e.toResponse();
            }
            catch (RuntimeException | StackOverflowError e) {
                log.warn("Connection {}: command failed", connectionId, e);
                return unexpectedError(e);
            }
        }

        /**
         * A connection that repeats a statement gets the same columns again (the session keeps the very same list), so
         * their definitions are encoded once and copied afterwards.
         */
        private void writeResultSetHeader(List<MysqlColumn> columns)
        {
            EncodedHeader header = lastHeader;
            if (header != null && header.columns() == columns && header.firstSequenceId() == writer.sequenceId()) {
                writer.writeFramedPackets(header.packets(), header.packetCount());
                return;
            }
            int firstSequenceId = writer.sequenceId();
            long mark = writer.mark();
            ResponsePackets.writeResultSetHeader(writer, columns, clientCapabilities);
            byte[] packets = writer.framedPacketsSince(mark);
            lastHeader = packets == null || packets.length > MAX_ENCODED_HEADER_BYTES
                    ? null
                    : new EncodedHeader(columns, firstSequenceId, packets, (writer.sequenceId() - firstSequenceId) & 0xFF);
        }

        /** Writes the answer, or for a result set its header, returning what streams the rows. */
        private RowStreamer writeResponse(MysqlResponse response)
        {
            if (response instanceof MysqlResponse.Error error) {
                ResponsePackets.writeError(writer, error);
                return null;
            }
            if (response instanceof MysqlResponse.Ok ok) {
                if (shape == ResponseShape.STATISTICS) {
                    writer.writePacket(ok.info().getBytes(StandardCharsets.UTF_8));
                }
                else {
                    ResponsePackets.writeOk(writer, ok);
                }
                return null;
            }
            if (response instanceof MysqlResponse.FieldList fieldList) {
                ResponsePackets.writeFieldList(writer, fieldList.columns(), clientCapabilities);
                return null;
            }
            MysqlResponse.ResultSet resultSet = (MysqlResponse.ResultSet) response;
            try {
                writeResultSetHeader(resultSet.columns());
            }
            catch (RuntimeException e) {
                closeRowSource(resultSet.rows());
                throw e;
            }
            return new RowStreamer(writer, resultSet);
        }
    }

    /** The packets that began a result set: column count, column definitions and the EOF after them, if any. */
    private record EncodedHeader(List<MysqlColumn> columns, int firstSequenceId, byte[] packets, int packetCount) {}

    /** Pulls rows from a row source into packets. */
    private final class RowStreamer
    {
        private final PacketWriter writer;
        private final MysqlRowSource source;
        private final TextRowWriter rowWriter;
        private boolean closed;

        RowStreamer(PacketWriter writer, MysqlResponse.ResultSet resultSet)
        {
            this.writer = writer;
            this.source = resultSet.rows();
            this.rowWriter = new TextRowWriter(resultSet.columns().size());
        }

        /**
         * Writes rows and the end of the result set; returns false, with rows left, when the channel's outbound buffer
         * is full. A row source failure ends the result set with an error packet, which clients accept in place of a
         * row; the connection stays usable.
         */
        boolean writeRows()
        {
            Channel channel = context.channel();
            if (!channel.isActive()) {
                close();
                return true;
            }
            while (true) {
                rowWriter.startRow(writer.startPacket());
                boolean rowWritten;
                try {
                    rowWritten = source.nextRow(rowWriter);
                    rowWriter.finishRow(rowWritten);
                }
                catch (MysqlException e) {
                    endWithError(e.toResponse());
                    return true;
                }
                catch (RuntimeException | StackOverflowError e) {
                    log.warn("Connection {}: reading result rows failed", connectionId, e);
                    endWithError(unexpectedError(e));
                    return true;
                }
                if (!rowWritten) {
                    writer.abandonPacket();
                    close();
                    ResponsePackets.writeEndOfRows(writer, clientCapabilities);
                    return true;
                }
                if (writer.finishPacket()) {
                    if (!channel.isActive()) {
                        // the client went away: stop producing rows nobody will read
                        close();
                        return true;
                    }
                    if (!channel.isWritable()) {
                        return false;
                    }
                }
            }
        }

        private void endWithError(MysqlResponse.Error error)
        {
            writer.abandonPacket();
            close();
            ResponsePackets.writeError(writer, error);
        }

        void close()
        {
            if (!closed) {
                closed = true;
                closeRowSource(source);
            }
        }
    }

    private void closeRowSource(MysqlRowSource source)
    {
        try {
            source.close();
        }
        catch (RuntimeException e) {
            log.warn("Connection {}: closing the row source failed", connectionId, e);
        }
    }
}
