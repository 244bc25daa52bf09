package io.sluice.server.mysql;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NativePasswordTest
{
    @Test
    void scrambleIsPrintableWithoutDollarSign()
    {
        for (int attempt = 0; attempt < 100; attempt++) {
            byte[] scramble = NativePassword.newScramble();
            assertThat(scramble).hasSize(20);
            for (byte value : scramble) {
                assertThat((int) value).isBetween(0x21, 0x7e).isNotEqualTo((int) '$');
            }
        }
    }

    @Test
    void doubleHashMatchesMysqlPasswordFunction()
    {
        // MySQL: SELECT PASSWORD('secret') = '*14E65567ABDB5135D0CFD9A70B3032C179A49EE7'
        assertThat(HexFormat.of().withUpperCase().formatHex(NativePassword.doubleHash("secret")))
                .isEqualTo("14E65567ABDB5135D0CFD9A70B3032C179A49EE7");
    }

    @Test
    void verifiesClientResponse()
    {
        byte[] scramble = NativePassword.newScramble();
        byte[] stored = NativePassword.doubleHash("secret");
        assertThat(NativePassword.matches(stored, scramble, NativePassword.clientResponse("secret", scramble))).isTrue();
        assertThat(NativePassword.matches(stored, scramble, NativePassword.clientResponse("Secret", scramble))).isFalse();
        assertThat(NativePassword.matches(stored, NativePassword.newScramble(), NativePassword.clientResponse("secret", scramble))).isFalse();
        assertThat(NativePassword.matches(stored, scramble, new byte[0])).isFalse();
        assertThat(NativePassword.matches(stored, scramble, new byte[5])).isFalse();
    }

    @Test
    void authenticatorAcceptsEmptyPasswordOnlyWithEmptyResponse()
    {
        byte[] scramble = NativePassword.newScramble();
        NativePasswordAuthenticator authenticator = NativePasswordAuthenticator.rootWithEmptyPassword();
        assertThat(authenticator.authenticate("root", "127.0.0.1", scramble, new byte[0])).isTrue();
        assertThat(authenticator.authenticate("root", "127.0.0.1", scramble, NativePassword.clientResponse("x", scramble))).isFalse();
        assertThat(authenticator.authenticate("bob", "127.0.0.1", scramble, new byte[0])).isFalse();
    }

    @Test
    void authenticatorChecksPasswords()
    {
        byte[] scramble = NativePassword.newScramble();
        NativePasswordAuthenticator authenticator = new NativePasswordAuthenticator(Map.of("alice", "wonderland"));
        assertThat(authenticator.authenticate("alice", "10.0.0.1", scramble, NativePassword.clientResponse("wonderland", scramble))).isTrue();
        assertThat(authenticator.authenticate("alice", "10.0.0.1", scramble, NativePassword.clientResponse("wonder", scramble))).isFalse();
        assertThat(authenticator.authenticate("alice", "10.0.0.1", scramble, new byte[0])).isFalse();
    }
}
