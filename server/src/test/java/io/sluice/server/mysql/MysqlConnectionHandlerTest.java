package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static io.sluice.server.mysql.Capabilities.CLIENT_DEPRECATE_EOF;
import static io.sluice.server.mysql.Capabilities.CLIENT_PLUGIN_AUTH;
import static io.sluice.server.mysql.Capabilities.CLIENT_PROTOCOL_41;
import static io.sluice.server.mysql.Capabilities.CLIENT_SSL;
import static io.sluice.server.mysql.ClientPackets.BASIC_CAPABILITIES;
import static io.sluice.server.mysql.ClientPackets.DEPRECATE_EOF_CAPABILITIES;
import static org.assertj.core.api.Assertions.assertThat;

/** The connection state machine, driven packet by packet through an EmbeddedChannel. */
class MysqlConnectionHandlerTest
{
    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private final List<EmbeddedConnection> connections = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        connections.forEach(EmbeddedConnection::close);
    }

    @Test
    void handshakeOffersNativePasswordWithoutSsl()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        ServerPacket handshake = connection.read();
        assertThat(handshake.sequenceId()).isZero();
        var payload = handshake.buffer();
        assertThat(payload.readUnsignedByte()).isEqualTo((short) 10);
        assertThat(WireFormat.readNulTerminatedString(payload)).isEqualTo("8.0.33-sluice-0.1.0");
        assertThat(payload.readIntLE()).isEqualTo(1);
        payload.skipBytes(8 + 1);
        int capabilities = payload.readUnsignedShortLE();
        assertThat(payload.readUnsignedByte()).isEqualTo((short) MysqlColumn.UTF8MB4_GENERAL_CI);
        assertThat(payload.readUnsignedShortLE()).isEqualTo(Capabilities.SERVER_STATUS_AUTOCOMMIT);
        capabilities |= payload.readUnsignedShortLE() << 16;
        assertThat(capabilities).isEqualTo(Capabilities.SERVER_CAPABILITIES);
        assertThat(capabilities & CLIENT_SSL).isZero();
        assertThat(capabilities & CLIENT_DEPRECATE_EOF).isNotZero();
        assertThat(payload.readUnsignedByte()).isEqualTo((short) 21);
        payload.skipBytes(10 + 12);
        assertThat(payload.readByte()).isZero();
        assertThat(WireFormat.readNulTerminatedString(payload)).isEqualTo("mysql_native_password");
        assertThat(payload.isReadable()).isFalse();
        assertThat(ClientPackets.scrambleOf(handshake)).doesNotContain((byte) 0);
    }

    @Test
    void connectionIdsIncreaseFromOne()
    {
        MysqlChannelInitializer initializer = new MysqlChannelInitializer(
                MysqlServerConfig.defaults(),
                NativePasswordAuthenticator.rootWithEmptyPassword(),
                sessions,
                Runnable::run,
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE));
        for (int expected = 1; expected <= 3; expected++) {
            EmbeddedChannel channel = new EmbeddedChannel(initializer);
            ByteBuf handshake = channel.readOutbound();
            // header, protocol version, "8.0.33-sluice-0.1.0\0", then the connection id
            assertThat(handshake.getIntLE(4 + 1 + MysqlServerConfig.DEFAULT_SERVER_VERSION.length() + 1)).isEqualTo(expected);
            handshake.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void authenticatesRootWithEmptyPassword()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", new byte[0], "test", "mysql_native_password"));
        ServerPacket ok = connection.read();
        assertThat(ok.isOk()).isTrue();
        assertThat(ok.sequenceId()).isEqualTo(2);
        assertThat(ok.ok().status()).isEqualTo(Capabilities.SERVER_STATUS_AUTOCOMMIT);

        assertThat(sessions.connections).hasSize(1);
        ConnectionInfo info = sessions.connections.get(0);
        assertThat(info.connectionId()).isEqualTo(1);
        assertThat(info.user()).isEqualTo("root");
        assertThat(info.database()).isEqualTo("test");
        assertThat(info.capabilities() & CLIENT_PROTOCOL_41).isNotZero();
        assertThat(info.clientAddress()).isNotEmpty();
    }

    @Test
    void authenticatesWithPassword()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults(), new NativePasswordAuthenticator(Map.of("alice", "secret")));
        byte[] scramble = ClientPackets.scrambleOf(connection.read());
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "alice", NativePassword.clientResponse("secret", scramble), null, "mysql_native_password"));
        assertThat(connection.read().isOk()).isTrue();
        assertThat(sessions.connections.get(0).database()).isNull();
    }

    @Test
    void wrongPasswordIsDeniedAndConnectionClosed()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        byte[] scramble = ClientPackets.scrambleOf(connection.read());
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", NativePassword.clientResponse("nope", scramble), null, "mysql_native_password"));
        ServerPacket error = connection.read();
        assertThat(error.sequenceId()).isEqualTo(2);
        assertThat(error.errorCode()).isEqualTo(1045);
        assertThat(error.sqlState()).isEqualTo("28000");
        assertThat(error.errorMessage()).isEqualTo("Access denied for user 'root'@'embedded' (using password: YES)");
        assertThat(connection.isOpen()).isFalse();
        assertThat(sessions.connections).isEmpty();
    }

    @Test
    void unknownUserIsDenied()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "bob", new byte[0], null, "mysql_native_password"));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1045);
        assertThat(error.errorMessage()).isEqualTo("Access denied for user 'bob'@'embedded' (using password: NO)");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void switchesOtherPluginsToNativePassword()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults(), new NativePasswordAuthenticator(Map.of("alice", "secret")));
        byte[] scramble = ClientPackets.scrambleOf(connection.read());
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "alice", new byte[32], null, "caching_sha2_password"));
        ServerPacket authSwitch = connection.read();
        assertThat(authSwitch.sequenceId()).isEqualTo(2);
        var payload = authSwitch.buffer();
        assertThat(payload.readUnsignedByte()).isEqualTo((short) 0xFE);
        assertThat(WireFormat.readNulTerminatedString(payload)).isEqualTo("mysql_native_password");
        assertThat(WireFormat.readBytes(payload, 20)).isEqualTo(scramble);
        assertThat(payload.readByte()).isZero();

        connection.send(3, NativePassword.clientResponse("secret", scramble));
        ServerPacket ok = connection.read();
        assertThat(ok.isOk()).isTrue();
        assertThat(ok.sequenceId()).isEqualTo(4);
    }

    @Test
    void wrongPasswordAfterAuthSwitchIsDenied()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults(), new NativePasswordAuthenticator(Map.of("root", "secret")));
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", new byte[32], null, "caching_sha2_password"));
        byte[] scramble = WireFormat.readBytes(skipPluginName(connection.read()), 20);
        connection.send(3, NativePassword.clientResponse("guess", scramble));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1045);
        assertThat(error.sequenceId()).isEqualTo(4);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void unknownInitialDatabaseIsRefused()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", new byte[0], "nope", "mysql_native_password"));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1049);
        assertThat(error.sqlState()).isEqualTo("42000");
        assertThat(error.errorMessage()).isEqualTo("Unknown database 'nope'");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void failingSessionFactoryGivesError1105AndClosesConnection()
    {
        EmbeddedConnection connection = new EmbeddedConnection(
                MysqlServerConfig.defaults(),
                NativePasswordAuthenticator.rootWithEmptyPassword(),
                info -> {
                    throw new IllegalStateException("catalog unavailable");
                });
        connections.add(connection);
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", new byte[0], null, "mysql_native_password"));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1105);
        assertThat(error.errorMessage()).isEqualTo("catalog unavailable");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void nullResponseBecomesError1105()
    {
        EmbeddedConnection connection = new EmbeddedConnection(
                MysqlServerConfig.defaults(),
                NativePasswordAuthenticator.rootWithEmptyPassword(),
                info -> new FakeSession(sessions, info)
                {
                    @Override
                    public MysqlResponse query(String sql)
                    {
                        return null;
                    }
                });
        connections.add(connection);
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", new byte[0], null, "mysql_native_password"));
        assertThat(connection.read().isOk()).isTrue();
        connection.send(0, ClientPackets.query("select 1"));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1105);
        assertThat(error.errorMessage()).isEqualTo("session returned no response");
        assertPing(connection);
    }

    @Test
    void truncatedHandshakeResponseIsRefused()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        byte[] response = ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", new byte[20], null, null);
        byte[] truncated = new byte[40];
        System.arraycopy(response, 0, truncated, 0, truncated.length);
        connection.send(1, truncated);
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1043);
        assertThat(error.sqlState()).isEqualTo("08S01");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void authLengthBeyondPacketIsRefused()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        byte[] response = ClientPackets.handshakeResponse(BASIC_CAPABILITIES, "root", new byte[0], null, null);
        // the auth response length byte follows "root\0" at offset 32 + 5
        response[37] = (byte) 200;
        connection.send(1, response);
        assertThat(connection.read().errorCode()).isEqualTo(1043);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void tinyHandshakeResponseIsRefused()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        connection.send(1, new byte[] {1, 2});
        assertThat(connection.read().errorCode()).isEqualTo(1043);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void sslRequestIsRefused()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        byte[] sslRequest = new byte[32];
        Unpooled.wrappedBuffer(sslRequest).setIntLE(0, BASIC_CAPABILITIES | CLIENT_SSL);
        connection.send(1, sslRequest);
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1043);
        assertThat(error.errorMessage()).contains("SSL");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void pre41ClientIsRefused()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.defaults());
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(BASIC_CAPABILITIES & ~CLIENT_PROTOCOL_41 & ~CLIENT_PLUGIN_AUTH, "root", new byte[0], null, null));
        assertThat(connection.read().errorCode()).isEqualTo(1043);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void silentClientIsDisconnectedAfterHandshakeTimeout()
    {
        EmbeddedConnection connection = connect(MysqlServerConfig.builder().handshakeTimeout(Duration.ofSeconds(3)).build());
        connection.read();
        connection.channel().advanceTimeBy(2, TimeUnit.SECONDS);
        connection.channel().runScheduledPendingTasks();
        assertThat(connection.isOpen()).isTrue();
        connection.channel().advanceTimeBy(2, TimeUnit.SECONDS);
        connection.channel().runScheduledPendingTasks();
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void authenticatedClientIsNotDisconnectedByHandshakeTimeout()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.builder().handshakeTimeout(Duration.ofSeconds(3)).build(), BASIC_CAPABILITIES);
        connection.channel().advanceTimeBy(10, TimeUnit.SECONDS);
        connection.channel().runScheduledPendingTasks();
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void queryWithResultSetAndNulls()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("select * from nulls"));
        List<ServerPacket> header = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            header.add(connection.read());
        }
        assertThat(header.get(0).payload()).containsExactly(3);
        assertThat(header.get(1).column().name()).isEqualTo("id");
        assertThat(header.get(2).column().name()).isEqualTo("name");
        assertThat(header.get(3).column().type()).isEqualTo(MysqlType.DOUBLE.code());
        assertThat(header.get(4).isEof()).isTrue();
        List<ServerPacket> rows = connection.readUntilEnd();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).row()).containsExactly("1", "alice", "1.5");
        assertThat(rows.get(1).row()).containsExactly("2", null, null);
        assertThat(rows.get(2).row()).containsExactly(null, "", "-0.25");
        assertThat(rows.get(3).isEof()).isTrue();
        assertThat(rows.get(3).sequenceId()).isEqualTo(9);
        assertThat(connection.hasOutput()).isFalse();
    }

    @Test
    void resultSetEndsWithOkWhenClientDeprecatesEof()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), DEPRECATE_EOF_CAPABILITIES);
        connection.send(0, ClientPackets.query("select 'a' as x"));
        List<ServerPacket> packets = new ArrayList<>();
        packets.add(connection.read());
        packets.add(connection.read());
        packets.addAll(connection.readUntilEnd());
        assertThat(packets).hasSize(4);
        assertThat(packets.get(1).column().name()).isEqualTo("x");
        assertThat(packets.get(2).row()).containsExactly("a");
        assertThat(packets.get(3).header()).isEqualTo(0xFE);
        assertThat(packets.get(3).payload().length).isEqualTo(7);
        assertThat(packets.get(3).ok().status()).isEqualTo(Capabilities.SERVER_STATUS_AUTOCOMMIT);
    }

    @Test
    void emptyResultSet()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("select * from empty"));
        List<ServerPacket> packets = connection.readUntilEnd();
        // count, column, EOF
        assertThat(packets).hasSize(3);
        List<ServerPacket> rows = connection.readUntilEnd();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).isEof()).isTrue();
    }

    @Test
    void okWithAffectedRowsAndInfo()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("insert into t values (1), (2), (3)"));
        ServerPacket ok = connection.read();
        assertThat(ok.sequenceId()).isEqualTo(1);
        assertThat(ok.ok()).isEqualTo(new ServerPacket.Ok(3, 42, Capabilities.SERVER_STATUS_AUTOCOMMIT, 0, "Records: 3  Duplicates: 0  Warnings: 0"));
    }

    @Test
    void sessionErrorKeepsConnectionUsable()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("select * from missing"));
        ServerPacket error = connection.read();
        assertThat(error.sequenceId()).isEqualTo(1);
        assertThat(error.errorCode()).isEqualTo(1146);
        assertThat(error.sqlState()).isEqualTo("42S02");
        assertThat(error.errorMessage()).isEqualTo("Table 'test.missing' doesn't exist");
        assertPing(connection);
    }

    @Test
    void handlerExceptionBecomesError1105AndConnectionSurvives()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("crash"));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1105);
        assertThat(error.sqlState()).isEqualTo("HY000");
        assertThat(error.errorMessage()).isEqualTo("simulated crash");
        assertThat(connection.isOpen()).isTrue();
        connection.send(0, ClientPackets.query("select 1"));
        assertThat(connection.readUntilEnd()).hasSize(3);
        assertThat(connection.readUntilEnd().get(0).row()).containsExactly("1");
    }

    @Test
    void errorsOfOneStatementLeaveTheConnectionUsable()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("assert"));
        ServerPacket assertion = connection.read();
        assertThat(assertion.errorCode()).isEqualTo(1105);
        assertThat(assertion.errorMessage()).isEqualTo("planner invariant");
        connection.send(0, ClientPackets.query("oom"));
        ServerPacket memory = connection.read();
        assertThat(memory.errorCode()).isEqualTo(1037);
        assertThat(memory.sqlState()).isEqualTo("HY001");
        assertThat(memory.errorMessage()).startsWith("Out of memory");
        assertThat(connection.isOpen()).isTrue();
        connection.send(0, ClientPackets.query("select 1"));
        assertThat(connection.readUntilEnd()).hasSize(3);
        assertThat(connection.readUntilEnd().get(0).row()).containsExactly("1");
    }

    @Test
    void responseOfWrongShapeBecomesError1105()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("wrong answer"));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1105);
        assertThat(error.errorMessage()).isEqualTo("session answered a query command with FieldList");
        assertPing(connection);
    }

    @Test
    void rowSourceFailureEndsResultSetWithError()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("select * from failing_rows"));
        assertThat(connection.readUntilEnd()).hasSize(3);
        List<ServerPacket> rows = connection.readUntilEnd();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).row()).containsExactly("0");
        assertThat(rows.get(1).row()).containsExactly("1");
        assertThat(rows.get(2).errorCode()).isEqualTo(1317);
        assertThat(rows.get(2).sqlState()).isEqualTo("70100");
        assertThat(rows.get(2).sequenceId()).isEqualTo(6);
        assertPing(connection);
    }

    @Test
    void largeQueryAndLargeValueCrossThe16MegabyteBoundary()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        String padding = " ".repeat(0xFFFFFF);
        connection.send(0, ClientPackets.query("select * from rows(1, " + (0xFFFFFF + 100) + ")" + padding));
        assertThat(sessions.statements.get(0)).hasSize("select * from rows(1, 16777315)".length() + 0xFFFFFF);
        assertThat(connection.readUntilEnd()).hasSize(4);
        // the row payload: "0" (2 bytes) + 0xFE and an 8-byte length + 16 MB + 100 bytes: split in two packets
        ServerPacket first = connection.read();
        ServerPacket second = connection.read();
        assertThat(first.payload().length).isEqualTo(0xFFFFFF);
        assertThat(second.payload().length).isEqualTo(2 + 9 + 100);
        assertThat(second.sequenceId()).isEqualTo(first.sequenceId() + 1);
        byte[] joined = new byte[first.payload().length + second.payload().length];
        System.arraycopy(first.payload(), 0, joined, 0, first.payload().length);
        System.arraycopy(second.payload(), 0, joined, first.payload().length, second.payload().length);
        List<String> row = new ServerPacket(0, joined).row();
        assertThat(row.get(0)).isEqualTo("0");
        assertThat(row.get(1)).hasSize(0xFFFFFF + 100);
        ServerPacket eof = connection.read();
        assertThat(eof.isEof()).isTrue();
        assertThat(eof.sequenceId()).isEqualTo(second.sequenceId() + 1);
    }

    @Test
    void oversizePacketGetsError1153AndConnectionCloses()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.builder().maxPacketSize(4096).build(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("select '" + "x".repeat(5000) + "'"));
        ServerPacket error = connection.read();
        assertThat(error.sequenceId()).isEqualTo(1);
        assertThat(error.errorCode()).isEqualTo(1153);
        assertThat(error.sqlState()).isEqualTo("08S01");
        assertThat(error.errorMessage()).isEqualTo("Got a packet bigger than 'max_allowed_packet' bytes");
        assertThat(connection.isOpen()).isFalse();
        assertThat(sessions.statements).isEmpty();
        assertThat(sessions.closedSessions()).isEqualTo(1);
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), DEPRECATE_EOF_CAPABILITIES);
        var bytes = Unpooled.buffer();
        bytes.writeBytes(ClientPackets.frame(0, ClientPackets.query("select 'first' as a")));
        bytes.writeBytes(ClientPackets.frame(0, ClientPackets.query("bogus")));
        bytes.writeBytes(ClientPackets.frame(0, ClientPackets.command(ClientPackets.COM_PING)));
        bytes.writeBytes(ClientPackets.frame(0, ClientPackets.query("select 'second' as b")));
        connection.sendRaw(bytes);
        List<ServerPacket> first = connection.readUntilEnd();
        assertThat(first.get(2).row()).containsExactly("first");
        assertThat(connection.read().errorCode()).isEqualTo(1064);
        assertThat(connection.read().isOk()).isTrue();
        List<ServerPacket> second = connection.readUntilEnd();
        assertThat(second.get(1).column().name()).isEqualTo("b");
        assertThat(second.get(2).row()).containsExactly("second");
        assertThat(connection.hasOutput()).isFalse();
    }

    @Test
    void readingGoesOnWhileACommandRunsAndPausesWhenTooManyCommandsWait()
    {
        ManualExecutor commandThread = new ManualExecutor();
        EmbeddedConnection connection = loginOn(commandThread);
        connection.send(0, ClientPackets.query("select 'q0' as a"));
        // the command waits for a thread, but reading goes on: no system call to pause and resume it per command
        assertThat(connection.channel().config().isAutoRead()).isTrue();

        for (int i = 1; i <= MysqlConnectionHandler.MAX_QUEUED_PACKETS; i++) {
            connection.send(0, ClientPackets.query("select 'q" + i + "' as a"));
        }
        assertThat(connection.channel().config().isAutoRead()).as("a client that piles up commands is not read from").isFalse();
        assertThat(connection.hasOutput()).isFalse();

        for (int i = 0; i <= MysqlConnectionHandler.MAX_QUEUED_PACKETS; i++) {
            commandThread.runNext();
            connection.runTasks();
            List<ServerPacket> answer = connection.readUntilEnd();
            assertThat(answer.get(2).row()).containsExactly("q" + i);
            assertThat(connection.channel().config().isAutoRead()).isTrue();
        }
        assertThat(commandThread.isEmpty()).isTrue();
        assertThat(connection.hasOutput()).isFalse();
    }

    @Test
    void readingPausesWhenWaitingCommandsHoldTooManyBytes()
    {
        ManualExecutor commandThread = new ManualExecutor();
        EmbeddedConnection connection = loginOn(commandThread);
        connection.send(0, ClientPackets.query("select 'first' as a"));
        connection.send(0, ClientPackets.query("select '" + "x".repeat(MysqlConnectionHandler.MAX_QUEUED_BYTES) + "' as a"));
        assertThat(connection.channel().config().isAutoRead()).isFalse();

        commandThread.runNext();
        connection.runTasks();
        assertThat(connection.readUntilEnd().get(2).row()).containsExactly("first");
        // the big command left the queue for the command thread: reading resumes
        assertThat(connection.channel().config().isAutoRead()).isTrue();
        commandThread.runNext();
        connection.runTasks();
        assertThat(connection.readUntilEnd().get(2).row().get(0)).hasSize(MysqlConnectionHandler.MAX_QUEUED_BYTES);
    }

    @Test
    void answerIsFlushedOnceTheCommandEnds()
    {
        ManualExecutor commandThread = new ManualExecutor();
        EmbeddedConnection connection = loginOn(commandThread);
        connection.send(0, ClientPackets.query("select 'one' as a"));
        commandThread.runNext();
        // the command thread wrote the answer; the event loop flushes it with the rest of the command's completion
        assertThat(connection.channel().outboundMessages()).isEmpty();
        connection.runTasks();
        assertThat(connection.channel().outboundMessages()).hasSize(1);
        assertThat(connection.readUntilEnd().get(2).row()).containsExactly("one");
    }

    @Test
    void repeatedColumnsAreEncodedOnceAndAnsweredTheSame()
    {
        List<MysqlColumn> users = List.of(MysqlColumn.bigint("id").notNull().withTable("bench", "users"), MysqlColumn.varchar("name"));
        List<MysqlColumn> other = List.of(MysqlColumn.varchar("other"));
        MysqlSessionFactory repeating = connectionInfo -> new MysqlSession()
        {
            @Override
            public MysqlResponse query(String sql)
            {
                // the same list instance for "users", as the session's point lookups return it
                return sql.startsWith("users")
                        ? new MysqlResponse.ResultSet(users, List.<String[]>of(new String[] {sql.substring(5), "x"}))
                        : new MysqlResponse.ResultSet(other, List.<String[]>of(new String[] {sql}));
            }

            @Override
            public MysqlResponse initDatabase(String database)
            {
                return MysqlResponse.ok();
            }

            @Override
            public MysqlResponse fieldList(String table, String wildcard)
            {
                return new MysqlResponse.FieldList(List.of());
            }

            @Override
            public String statistics()
            {
                return "";
            }

            @Override
            public void close() {}
        };
        for (int capabilities : new int[] {BASIC_CAPABILITIES, DEPRECATE_EOF_CAPABILITIES}) {
            EmbeddedConnection connection = new EmbeddedConnection(MysqlServerConfig.defaults(), NativePasswordAuthenticator.rootWithEmptyPassword(), repeating);
            connections.add(connection);
            connection.read();
            connection.send(1, ClientPackets.handshakeResponse(capabilities, "root", new byte[0], null, "mysql_native_password"));
            assertThat(connection.read().isOk()).isTrue();

            List<List<ServerPacket>> answers = new ArrayList<>();
            for (String sql : List.of("users1", "users2", "other", "users3", "users4")) {
                connection.send(0, ClientPackets.query(sql));
                List<ServerPacket> answer = new ArrayList<>(connection.readUntilEnd());
                if (capabilities == BASIC_CAPABILITIES) {
                    answer.addAll(connection.readUntilEnd());
                }
                answers.add(answer);
            }
            for (int i : new int[] {0, 1, 3, 4}) {
                List<ServerPacket> answer = answers.get(i);
                assertThat(answer.get(1).column().name()).isEqualTo("id");
                assertThat(answer.get(1).column().table()).isEqualTo("users");
                assertThat(answer.get(2).column().name()).isEqualTo("name");
                for (int packet = 0; packet < answer.size(); packet++) {
                    assertThat(answer.get(packet).sequenceId()).isEqualTo(packet + 1);
                }
                // everything but the row is the same as the first answer's, byte for byte
                assertThat(payloads(answer.subList(0, answer.size() - 2))).isEqualTo(payloads(answers.get(0).subList(0, answer.size() - 2)));
            }
            assertThat(answers.get(4).get(answers.get(4).size() - 2).row()).containsExactly("4", "x");
            assertThat(answers.get(2).get(1).column().name()).isEqualTo("other");
            assertThat(answers.get(2).get(answers.get(2).size() - 2).row()).containsExactly("other");
        }
    }

    private static List<List<Byte>> payloads(List<ServerPacket> packets)
    {
        List<List<Byte>> payloads = new ArrayList<>();
        for (ServerPacket packet : packets) {
            List<Byte> bytes = new ArrayList<>();
            for (byte value : packet.payload()) {
                bytes.add(value);
            }
            payloads.add(bytes);
        }
        return payloads;
    }

    @Test
    void initDatabase()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.command(ClientPackets.COM_INIT_DB, "sluice"));
        assertThat(connection.read().isOk()).isTrue();
        connection.send(0, ClientPackets.query("select database()"));
        connection.readUntilEnd();
        assertThat(connection.readUntilEnd().get(0).row()).containsExactly("sluice");
        connection.send(0, ClientPackets.command(ClientPackets.COM_INIT_DB, "nope"));
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1049);
        assertThat(error.errorMessage()).isEqualTo("Unknown database 'nope'");
    }

    @Test
    void fieldList()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.command(ClientPackets.COM_FIELD_LIST, "t\0"));
        List<ServerPacket> packets = connection.readUntilEnd();
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0).column().name()).isEqualTo("id");
        assertThat(packets.get(0).column().table()).isEqualTo("t");
        assertThat(packets.get(0).column().flags() & MysqlColumn.PRIMARY_KEY_FLAG).isNotZero();
        assertThat(packets.get(0).column().hasNullDefault()).isTrue();
        assertThat(packets.get(1).column().name()).isEqualTo("name");
        assertThat(packets.get(2).isEof()).isTrue();

        connection.send(0, ClientPackets.command(ClientPackets.COM_FIELD_LIST, "other\0"));
        assertThat(connection.read().errorCode()).isEqualTo(1146);
    }

    @Test
    void fieldListEndsWithOkWhenClientDeprecatesEof()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), DEPRECATE_EOF_CAPABILITIES);
        connection.send(0, ClientPackets.command(ClientPackets.COM_FIELD_LIST, "t\0"));
        List<ServerPacket> packets = connection.readUntilEnd();
        assertThat(packets).hasSize(3);
        assertThat(packets.get(2).header()).isEqualTo(0xFE);
        assertThat(packets.get(2).payload().length).isEqualTo(7);
    }

    @Test
    void statistics()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.command(ClientPackets.COM_STATISTICS));
        ServerPacket statistics = connection.read();
        assertThat(statistics.sequenceId()).isEqualTo(1);
        assertThat(statistics.text()).startsWith("Uptime: 1  Threads: 1");
    }

    @Test
    void pingAndResetConnection()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        assertPing(connection);
        connection.send(0, ClientPackets.command(ClientPackets.COM_RESET_CONNECTION));
        assertThat(connection.read().isOk()).isTrue();
    }

    @Test
    void preparedStatementIsAnsweredWithItsIdAndParameterDefinitions()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.command(ClientPackets.COM_STMT_PREPARE, "select ?, '?'"));
        ServerPacket prepared = connection.read();
        assertThat(prepared.isOk()).isTrue();
        // statement id 1, no columns announced, one parameter
        assertThat(prepared.buffer().getIntLE(1)).isEqualTo(1);
        assertThat(prepared.buffer().getUnsignedShortLE(5)).isZero();
        assertThat(prepared.buffer().getUnsignedShortLE(7)).isEqualTo(1);
        assertThat(connection.read().column().name()).isEqualTo("?");
        assertThat(connection.read().isEof()).isTrue();
        // COM_STMT_CLOSE has no answer
        connection.send(0, new byte[] {ClientPackets.COM_STMT_CLOSE, 1, 0, 0, 0});
        assertThat(connection.hasOutput()).isFalse();
        connection.send(0, new byte[] {0x17, 1, 0, 0, 0, 0, 1, 0, 0, 0});
        ServerPacket error = connection.read();
        assertThat(error.errorCode()).isEqualTo(1243);
        assertThat(error.errorMessage()).isEqualTo("Unknown prepared statement handler (1) given to mysqld_stmt_execute");
        assertPing(connection);
    }

    @Test
    void unknownAndEmptyCommands()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.command(0x7a));
        ServerPacket unknown = connection.read();
        assertThat(unknown.errorCode()).isEqualTo(1047);
        assertThat(unknown.sqlState()).isEqualTo("08S01");
        assertThat(unknown.errorMessage()).isEqualTo("Unknown command");
        connection.send(0, new byte[0]);
        assertThat(connection.read().errorCode()).isEqualTo(1835);
        assertPing(connection);
    }

    @Test
    void quitClosesConnectionAndSession()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.command(ClientPackets.COM_QUIT));
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.hasOutput()).isFalse();
        assertThat(sessions.closedSessions()).isEqualTo(1);
    }

    @Test
    void clientDisconnectClosesSession()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.channel().close();
        connection.runTasks();
        assertThat(sessions.closedSessions()).isEqualTo(1);
    }

    @Test
    void utf8QueryText()
    {
        EmbeddedConnection connection = login(MysqlServerConfig.defaults(), BASIC_CAPABILITIES);
        connection.send(0, ClientPackets.query("select 'héllo 🌊' as greeting"));
        connection.readUntilEnd();
        ServerPacket row = connection.readUntilEnd().get(0);
        assertThat(row.row()).containsExactly("héllo 🌊");
        assertThat(sessions.statements.get(0).getBytes(StandardCharsets.UTF_8)).hasSize("select 'héllo 🌊' as greeting".getBytes(StandardCharsets.UTF_8).length);
    }

    private static void assertPing(EmbeddedConnection connection)
    {
        connection.send(0, ClientPackets.command(ClientPackets.COM_PING));
        ServerPacket ok = connection.read();
        assertThat(ok.isOk()).isTrue();
        assertThat(ok.sequenceId()).isEqualTo(1);
    }

    private static ByteBuf skipPluginName(ServerPacket authSwitch)
    {
        ByteBuf payload = authSwitch.buffer();
        assertThat(payload.readUnsignedByte()).isEqualTo((short) 0xFE);
        assertThat(WireFormat.readNulTerminatedString(payload)).isEqualTo("mysql_native_password");
        return payload;
    }

    private EmbeddedConnection login(MysqlServerConfig config, int capabilities)
    {
        EmbeddedConnection connection = connect(config);
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(capabilities, "root", new byte[0], "test", "mysql_native_password"));
        assertThat(connection.read().isOk()).isTrue();
        return connection;
    }

    /** Logs in with commands run by {@code commandThread}, one at a time when the test says so. */
    private EmbeddedConnection loginOn(ManualExecutor commandThread)
    {
        EmbeddedConnection connection = new EmbeddedConnection(MysqlServerConfig.defaults(), NativePasswordAuthenticator.rootWithEmptyPassword(), sessions, commandThread);
        connections.add(connection);
        connection.read();
        connection.send(1, ClientPackets.handshakeResponse(DEPRECATE_EOF_CAPABILITIES, "root", new byte[0], "test", "mysql_native_password"));
        commandThread.runNext();
        assertThat(connection.read().isOk()).isTrue();
        return connection;
    }

    /** A command executor whose tasks run when the test runs them. */
    private static final class ManualExecutor
            implements Executor
    {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task)
        {
            tasks.add(task);
        }

        void runNext()
        {
            assertThat(tasks).as("tasks waiting for the command thread").isNotEmpty();
            tasks.poll().run();
        }

        boolean isEmpty()
        {
            return tasks.isEmpty();
        }
    }

    private EmbeddedConnection connect(MysqlServerConfig config)
    {
        return connect(config, NativePasswordAuthenticator.rootWithEmptyPassword());
    }

    private EmbeddedConnection connect(MysqlServerConfig config, Authenticator authenticator)
    {
        EmbeddedConnection connection = new EmbeddedConnection(config, authenticator, sessions);
        connections.add(connection);
        return connection;
    }
}
