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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.sluice.server.mysql.Capabilities.CLIENT_MULTI_STATEMENTS;
import static io.sluice.server.mysql.Capabilities.CLIENT_PLUGIN_AUTH;
import static io.sluice.server.mysql.Capabilities.CLIENT_PROTOCOL_41;
import static io.sluice.server.mysql.Capabilities.CLIENT_SECURE_CONNECTION;
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
    private static final int COM_PROCESS_KILL = 0x0c;
    private static final int COM_CHANGE_USER = 0x11;
    private static final int COM_PING = 0x0e;
    private static final int COM_STMT_PREPARE = 0x16;
    private static final int COM_STMT_EXECUTE = 0x17;
    private static final int COM_STMT_SEND_LONG_DATA = 0x18;
    private static final int COM_STMT_CLOSE = 0x19;
    private static final int COM_STMT_RESET = 0x1a;
    private static final int COM_SET_OPTION = 0x1b;
    private static final int COM_STMT_FETCH = 0x1c;
    private static final int COM_RESET_CONNECTION = 0x1f;

    static final int ER_HANDSHAKE_ERROR = 1043;
    static final int ER_ACCESS_DENIED = 1045;
    static final int ER_UNKNOWN_COMMAND = 1047;
    static final int ER_UNKNOWN_ERROR = 1105;
    static final int ER_OUT_OF_MEMORY = 1037;
    static final int ER_NET_PACKET_TOO_LARGE = 1153;
    static final int ER_UNSUPPORTED_PREPARED_STATEMENT = 1295;
    static final int ER_WRONG_ARGUMENTS = 1210;
    static final int ER_UNKNOWN_STATEMENT_HANDLER = 1243;
    static final int ER_QUERY_INTERRUPTED = 1317;
    static final int ER_MAX_PREPARED_STATEMENT_COUNT_REACHED = 1461;
    static final int ER_TOO_MANY_CONNECTIONS = 1040;
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
    private final ConnectionRegistry registry;

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

    // Prepared statements: used on the event loop, and by command tasks while the connection is busy (no overlap).
    private final Map<Integer, PreparedStatementState> preparedStatements = new HashMap<>();
    private int lastStatementId;
    private boolean multiStatements;
    private boolean registered;

    // wait_timeout: one timer at a time, re-armed from the time of the last activity when it fires early.
    private ScheduledFuture<?> idleCheck;
    private long idleCheckDeadline;
    private long lastActivityNanos;
    private volatile long sessionWaitTimeoutSeconds;

    // What SHOW PROCESSLIST shows; written by the event loop and workers, read by any connection.
    private volatile String processUser;
    private volatile String processDatabase;
    private volatile String processCommand = "Connect";
    private volatile long processCommandStartNanos = System.nanoTime();
    private volatile String processInfo;
    // Set by KILL QUERY while a command runs; cleared when the next command starts.
    private volatile boolean queryKilled;

    MysqlConnectionHandler(
            MysqlServerConfig config,
            Authenticator authenticator,
            MysqlSessionFactory sessionFactory,
            Executor executor,
            int connectionId,
            ConnectionRegistry registry)
    {
        this.config = requireNonNull(config, "config is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.sessionFactory = requireNonNull(sessionFactory, "sessionFactory is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.connectionId = connectionId;
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void channelActive(ChannelHandlerContext context)
    {
        this.context = context;
        this.clientAddress = hostOf(context.channel().remoteAddress());
        log.debug("Connection {} opened from {}", connectionId, clientAddress);
        registered = registry.register(connectionId, new RegisteredConnection());
        if (!registered) {
            // as MySQL: the error replaces the handshake
            log.debug("Connection {} refused: max_connections reached", connectionId);
            refuseConnection(0, ER_TOO_MANY_CONNECTIONS, "08004", "Too many connections");
            context.fireChannelActive();
            return;
        }
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
        if (registered) {
            registry.unregister(connectionId);
        }
        cancelHandshakeTimeout();
        cancelIdleCheck();
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
            if (!busy && state == State.READY) {
                armIdleCheck();
            }
        }
    }

    /** Idle from now on: the connection is closed once it stays idle for wait_timeout. */
    private void armIdleCheck()
    {
        lastActivityNanos = System.nanoTime();
        long deadline = lastActivityNanos + waitTimeoutNanos();
        if (idleCheck != null && idleCheckDeadline <= deadline) {
            // the pending check fires earlier and re-arms itself from the last activity
            return;
        }
        cancelIdleCheck();
        scheduleIdleCheck(deadline);
    }

    private void scheduleIdleCheck(long deadline)
    {
        idleCheckDeadline = deadline;
        idleCheck = context.executor().schedule(this::onIdleCheck, Math.max(0, deadline - System.nanoTime()), NANOSECONDS);
    }

    private void onIdleCheck()
    {
        idleCheck = null;
        if (state != State.READY) {
            return;
        }
        long deadline = busy ? System.nanoTime() + waitTimeoutNanos() : lastActivityNanos + waitTimeoutNanos();
        if (!busy && queuedPackets.isEmpty() && System.nanoTime() - deadline >= 0) {
            log.debug("Connection {}: idle for more than wait_timeout, closing the connection", connectionId);
            state = State.CLOSED;
            context.close();
            return;
        }
        scheduleIdleCheck(deadline);
    }

    private long waitTimeoutNanos()
    {
        long seconds = sessionWaitTimeoutSeconds;
        if (seconds <= 0) {
            seconds = registry.global(ConnectionRegistry.WAIT_TIMEOUT);
        }
        return java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
    }

    private void cancelIdleCheck()
    {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
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
        multiStatements = has(response.capabilities(), CLIENT_MULTI_STATEMENTS);
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
                    processUser = response.user();
                    processDatabase = response.database();
                    processCommand = "Sleep";
                    processCommandStartNanos = System.nanoTime();
                    sessionWaitTimeoutSeconds = session.waitTimeoutSeconds();
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
                    sessionFactory.open(new ConnectionInfo(connectionId, response.user(), address, response.database(), response.capabilities(), registry)),
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
        queryKilled = false;
        switch (command) {
            case COM_QUERY -> {
                String sql = WireFormat.readRestString(payload);
                List<String> statements = multiStatements ? SqlText.splitStatements(sql) : List.of(sql);
                runOnWorker(new CommandTask(new PacketWriter(context, sequenceId), ResponseShape.QUERY, false, "Query", statements, MysqlSession::query));
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
            case COM_RESET_CONNECTION -> {
                preparedStatements.clear();
                execute(sequenceId, ResponseShape.OK_OR_ERROR, MysqlSession::resetConnection);
            }
            case COM_PROCESS_KILL -> {
                if (payload.readableBytes() < 4) {
                    writeErrorNow(sequenceId, ER_MALFORMED_PACKET, "HY000", "Malformed communication packet.");
                    return;
                }
                long target = payload.readUnsignedIntLE();
                try {
                    if (target > Integer.MAX_VALUE) {
                        throw ServerConnections.unknownThread(target);
                    }
                    registry.kill((int) target, false);
                    if (target != connectionId) {
                        PacketWriter writer = new PacketWriter(context, sequenceId);
                        ResponsePackets.writeOk(writer);
                        writer.flush();
                    }
                }
                catch (MysqlException e) {
                    PacketWriter writer = new PacketWriter(context, sequenceId);
                    ResponsePackets.writeError(writer, e.toResponse());
                    writer.flush();
                }
            }
            case COM_SET_OPTION -> {
                int option = payload.readableBytes() >= 2 ? payload.readUnsignedShortLE() : -1;
                if (option != 0 && option != 1) {
                    writeErrorNow(sequenceId, ER_UNKNOWN_COMMAND, "08S01", "Unknown command");
                    return;
                }
                multiStatements = option == 0;
                PacketWriter writer = new PacketWriter(context, sequenceId);
                ResponsePackets.writeEndOfRows(writer, clientCapabilities);
                writer.flush();
            }
            case COM_CHANGE_USER -> onChangeUser(payload, sequenceId);
            case COM_STMT_PREPARE -> onPrepare(payload, sequenceId);
            case COM_STMT_EXECUTE -> onExecute(payload, sequenceId);
            case COM_STMT_SEND_LONG_DATA -> onSendLongData(payload);
            case COM_STMT_CLOSE -> {
                // the protocol defines no answer
                if (payload.readableBytes() >= 4) {
                    preparedStatements.remove(payload.readIntLE());
                }
            }
            case COM_STMT_RESET -> {
                PreparedStatementState statement = payload.readableBytes() >= 4 ? preparedStatements.get(payload.getIntLE(payload.readerIndex())) : null;
                if (statement == null) {
                    writeErrorNow(sequenceId, ER_UNKNOWN_STATEMENT_HANDLER, "HY000", unknownStatementMessage(payload, "mysqld_stmt_reset"));
                    return;
                }
                statement.clearLongData();
                PacketWriter writer = new PacketWriter(context, sequenceId);
                ResponsePackets.writeOk(writer);
                writer.flush();
            }
            case COM_PING -> {
                PacketWriter writer = new PacketWriter(context, sequenceId);
                ResponsePackets.writeOk(writer);
                writer.flush();
            }
            case COM_QUIT -> {
                state = State.CLOSED;
                context.close();
            }
            case COM_STMT_FETCH -> writeErrorNow(
                    sequenceId,
                    ER_UNSUPPORTED_PREPARED_STATEMENT,
                    "HY000",
                    "This command is not supported in the prepared statement protocol yet");
            default -> writeErrorNow(sequenceId, ER_UNKNOWN_COMMAND, "08S01", "Unknown command");
        }
    }

    private void execute(int sequenceId, ResponseShape shape, Function<MysqlSession, MysqlResponse> command)
    {
        String name = switch (shape) {
            case FIELD_LIST -> "Field List";
            case STATISTICS -> "Statistics";
            default -> "Query";
        };
        runOnWorker(new CommandTask(new PacketWriter(context, sequenceId), shape, false, name, List.of(""), (session, ignored) -> command.apply(session)));
    }

    /** COM_STMT_PREPARE: counts the placeholders; the text is checked when it runs, at each execute. */
    private void onPrepare(ByteBuf payload, int sequenceId)
    {
        String sql = WireFormat.readRestString(payload);
        long limit = registry.global(ConnectionRegistry.MAX_PREPARED_STMT_COUNT);
        if (preparedStatements.size() >= limit) {
            writeErrorNow(sequenceId, ER_MAX_PREPARED_STATEMENT_COUNT_REACHED, "42000",
                    "Can't create more than max_prepared_stmt_count statements (current value: " + limit + ")");
            return;
        }
        if (SqlText.splitStatements(sql).size() > 1) {
            // a prepared statement is one statement, as in MySQL
            writeErrorNow(sequenceId, 1064, "42000", "You have an error in your SQL syntax: a prepared statement must be a single statement");
            return;
        }
        int[] placeholders = SqlText.placeholderPositions(sql);
        if (placeholders.length > 0xFFFF) {
            writeErrorNow(sequenceId, 1390, "HY000", "Prepared statement contains too many placeholders");
            return;
        }
        int id;
        do {
            lastStatementId = lastStatementId == Integer.MAX_VALUE ? 1 : lastStatementId + 1;
            id = lastStatementId;
        }
        while (preparedStatements.containsKey(id));
        preparedStatements.put(id, new PreparedStatementState(id, sql, placeholders));
        PacketWriter writer = new PacketWriter(context, sequenceId);
        ResponsePackets.writePrepareOk(writer, id, placeholders.length, clientCapabilities);
        writer.flush();
    }

    /** COM_STMT_EXECUTE: binds the parameters into the text and runs it; a result set is sent in binary rows. */
    private void onExecute(ByteBuf payload, int sequenceId)
    {
        PreparedStatementState statement = payload.readableBytes() >= 4 ? preparedStatements.get(payload.readIntLE()) : null;
        if (statement == null) {
            payload.readerIndex(1);
            writeErrorNow(sequenceId, ER_UNKNOWN_STATEMENT_HANDLER, "HY000", unknownStatementMessage(payload, "mysqld_stmt_execute"));
            return;
        }
        String sql;
        try {
            if (statement.longDataTooLarge()) {
                statement.clearLongData();
                writeErrorNow(sequenceId, ER_NET_PACKET_TOO_LARGE, "08S01",
                        "Parameter of prepared statement which is set through mysql_send_long_data() is longer than 'max_allowed_packet' bytes");
                return;
            }
            sql = BinaryParameters.bind(statement, payload);
        }
        catch (MalformedPacketException | IndexOutOfBoundsException e) {
            log.debug("Connection {}: malformed execute: {}", connectionId, e.getMessage());
            writeErrorNow(sequenceId, ER_WRONG_ARGUMENTS, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            return;
        }
        finally {
            statement.clearLongData();
        }
        runOnWorker(new CommandTask(new PacketWriter(context, sequenceId), ResponseShape.QUERY, true, "Execute", List.of(sql), MysqlSession::query));
    }

    /** COM_STMT_SEND_LONG_DATA: no answer, even to a bad statement id (MySQL reports nothing either). */
    private void onSendLongData(ByteBuf payload)
    {
        if (payload.readableBytes() < 6) {
            return;
        }
        PreparedStatementState statement = preparedStatements.get(payload.readIntLE());
        int parameter = payload.readUnsignedShortLE();
        if (statement == null || parameter >= statement.parameterCount()) {
            return;
        }
        int length = payload.readableBytes();
        byte[] chunk = new byte[length];
        payload.readBytes(chunk);
        statement.appendLongData(parameter, chunk, 0, length, registry.global(ConnectionRegistry.MAX_ALLOWED_PACKET));
    }

    private static String unknownStatementMessage(ByteBuf payload, String function)
    {
        String id = payload.readableBytes() >= 4 ? Long.toString(payload.getUnsignedIntLE(payload.readerIndex())) : "?";
        return "Unknown prepared statement handler (" + id + ") given to " + function;
    }

    /**
     * COM_CHANGE_USER: the old session ends whatever happens; the new user authenticates against the scramble of the
     * handshake (or a fresh one after an auth switch) and, refused, gets error 1045 and a closed connection.
     */
    private void onChangeUser(ByteBuf payload, int sequenceId)
    {
        HandshakeResponse response;
        try {
            String user = WireFormat.readNulTerminatedString(payload);
            byte[] authResponse;
            if (has(clientCapabilities, CLIENT_SECURE_CONNECTION)) {
                WireFormat.requireReadable(payload, 1);
                authResponse = WireFormat.readBytes(payload, payload.readUnsignedByte());
            }
            else {
                authResponse = WireFormat.readNulTerminatedString(payload).getBytes(StandardCharsets.UTF_8);
            }
            String database = payload.isReadable() ? WireFormat.readNulTerminatedOrRestString(payload) : "";
            int characterSet = 0;
            if (payload.readableBytes() >= 2) {
                characterSet = payload.readUnsignedShortLE();
            }
            String plugin = has(clientCapabilities, CLIENT_PLUGIN_AUTH) && payload.isReadable() ? WireFormat.readNulTerminatedOrRestString(payload) : "";
            response = new HandshakeResponse(clientCapabilities, handshakeResponse.maxPacketSize(), characterSet, user, authResponse,
                    database.isEmpty() ? null : database, plugin.isEmpty() ? null : plugin);
        }
        catch (MalformedPacketException e) {
            refuseConnection(sequenceId, ER_MALFORMED_PACKET, "HY000", "Malformed communication packet.");
            return;
        }
        preparedStatements.clear();
        MysqlSession previous = session;
        session = null;
        if (previous != null) {
            executor.execute(() -> closeQuietly(previous));
        }
        handshakeResponse = response;
        processCommand = "Change user";
        if (response.authPluginName() != null && !response.authPluginName().equals(NativePassword.PLUGIN_NAME)) {
            scramble = NativePassword.newScramble();
            PacketWriter writer = new PacketWriter(context, sequenceId);
            ResponsePackets.writeAuthSwitchRequest(writer, scramble);
            writer.flush();
            state = State.AWAITING_AUTH_SWITCH_RESPONSE;
            return;
        }
        authenticate(response.authResponse(), sequenceId);
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

    /**
     * The answer to a statement that failed unexpectedly: one statement's failure (Calcite's invariants and its
     * generated code included) ends that statement, not the connection. Out of memory is 1037: the statement's memory
     * is garbage once it has failed, so the server goes on.
     */
    static MysqlResponse.Error statementFailure(Throwable failure)
    {
        if (failure instanceof OutOfMemoryError) {
            return new MysqlResponse.Error(ER_OUT_OF_MEMORY, "HY001", "Out of memory; the statement needed more memory than the server has ("
                    + failure.getMessage() + ")");
        }
        return unexpectedError(failure);
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

    /**
     * Runs one command on a worker and writes its answer; a result set may take several runs (see the class doc). A
     * multi-statement query runs its statements in turn, each result but the last flagged SERVER_MORE_RESULTS_EXISTS;
     * the first error ends it.
     */
    private final class CommandTask
            implements Runnable
    {
        private final PacketWriter writer;
        private final ResponseShape shape;
        private final boolean binary;
        private final String commandName;
        private final List<String> statements;
        private final BiFunction<MysqlSession, String, MysqlResponse> command;
        private int next;
        private RowStreamer rows;

        CommandTask(
                PacketWriter writer,
                ResponseShape shape,
                boolean binary,
                String commandName,
                List<String> statements,
                BiFunction<MysqlSession, String, MysqlResponse> command)
        {
            this.writer = writer;
            this.shape = shape;
            this.binary = binary;
            this.commandName = commandName;
            this.statements = statements;
            this.command = command;
        }

        @Override
        public void run()
        {
            try {
                while (true) {
                    if (rows == null) {
                        if (next == statements.size()) {
                            break;
                        }
                        String statement = statements.get(next++);
                        processCommand = commandName;
                        processInfo = statement.isEmpty() ? null : statement;
                        processCommandStartNanos = System.nanoTime();
                        MysqlResponse response = invoke(statement);
                        if (response instanceof MysqlResponse.Error) {
                            next = statements.size();
                        }
                        rows = writeResponse(response, next < statements.size() ? ResponsePackets.SERVER_MORE_RESULTS_EXISTS : 0);
                    }
                    if (rows != null) {
                        if (!rows.writeRows()) {
                            writer.flush();
                            suspendUntilWritable(this);
                            return;
                        }
                        if (rows.failed) {
                            next = statements.size();
                        }
                        rows = null;
                    }
                }
                afterCommand();
            }
            catch (Throwable failure) {
                // a failure while encoding leaves the stream in an unknown state: the connection cannot continue
                log.error("Connection {}: failed to write an answer, closing the connection", connectionId, failure);
                abandon();
                writer.discard();
                context.close();
                afterCommand();
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

        private MysqlResponse invoke(String statement)
        {
            try {
                MysqlResponse response = command.apply(session, statement);
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
            catch (RuntimeException | StackOverflowError | AssertionError | LinkageError | OutOfMemoryError e) {
                log.warn("Connection {}: command failed", connectionId, e);
                return statementFailure(e);
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
        private RowStreamer writeResponse(MysqlResponse response, int moreResults)
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
                    ResponsePackets.writeOk(writer, ok, ResponsePackets.STATUS_FLAGS | moreResults);
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
            return new RowStreamer(writer, resultSet, binary, ResponsePackets.STATUS_FLAGS | moreResults);
        }
    }

    /** Runs on the worker after each command: what SHOW PROCESSLIST and wait_timeout need from the session. */
    private void afterCommand()
    {
        MysqlSession current = session;
        if (current != null) {
            try {
                processDatabase = current.currentDatabase();
                sessionWaitTimeoutSeconds = current.waitTimeoutSeconds();
            }
            catch (RuntimeException e) {
                log.warn("Connection {}: reading the session state failed", connectionId, e);
            }
        }
        processCommand = "Sleep";
        processInfo = null;
        processCommandStartNanos = System.nanoTime();
    }

    /** This connection as the registry sees it: its process list row, and KILL. */
    private final class RegisteredConnection
            implements ConnectionRegistry.Connection
    {
        @Override
        public ServerConnections.ProcessInfo processInfo()
        {
            String user = processUser;
            String command = processCommand;
            long seconds = NANOSECONDS.toSeconds(System.nanoTime() - processCommandStartNanos);
            String info = processInfo;
            return new ServerConnections.ProcessInfo(connectionId, user == null ? "unauthenticated user" : user, clientAddress,
                    processDatabase, command, seconds, info == null ? "" : "executing", info);
        }

        @Override
        public void killQuery()
        {
            if (!"Sleep".equals(processCommand)) {
                queryKilled = true;
                MysqlSession current = session;
                if (current != null) {
                    current.cancel();
                }
            }
        }

        @Override
        public void killConnection()
        {
            MysqlSession current = session;
            if (current != null) {
                current.cancel();
            }
            context.channel().close();
        }
    }

    /** The packets that began a result set: column count, column definitions and the EOF after them, if any. */
    private record EncodedHeader(List<MysqlColumn> columns, int firstSequenceId, byte[] packets, int packetCount) {}

    /** Pulls rows from a row source into packets. */
    private final class RowStreamer
    {
        private final PacketWriter writer;
        private final MysqlRowSource source;
        private final PacketRowWriter rowWriter;
        private final int endStatusFlags;
        private boolean closed;
        private boolean failed;

        RowStreamer(PacketWriter writer, MysqlResponse.ResultSet resultSet, boolean binary, int endStatusFlags)
        {
            this.writer = writer;
            this.source = resultSet.rows();
            this.rowWriter = binary ? new BinaryRowWriter(resultSet.columns()) : new TextRowWriter(resultSet.columns().size());
            this.endStatusFlags = endStatusFlags;
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
                catch (RuntimeException | StackOverflowError | AssertionError | LinkageError | OutOfMemoryError e) {
                    log.warn("Connection {}: reading result rows failed", connectionId, e);
                    endWithError(statementFailure(e));
                    return true;
                }
                if (!rowWritten) {
                    writer.abandonPacket();
                    close();
                    ResponsePackets.writeEndOfRows(writer, clientCapabilities, endStatusFlags);
                    return true;
                }
                if (writer.finishPacket()) {
                    if (queryKilled) {
                        endWithError(new MysqlResponse.Error(ER_QUERY_INTERRUPTED, "70100", "Query execution was interrupted"));
                        return true;
                    }
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
            if (writer.mark() < 0) {
                writer.abandonPacket();
            }
            failed = true;
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
