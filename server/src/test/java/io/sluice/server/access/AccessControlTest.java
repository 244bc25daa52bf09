package io.sluice.server.access;

import io.sluice.sql.ast.UserAccount;
import io.sluice.storage.Storage;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.metadata.GrantRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessControlTest
{
    private static final byte[] SCRAMBLE = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    @Test
    void rootGetsThePasswordOfTheFirstStartOnly()
            throws Exception
    {
        try (Storage storage = Storage.open(directory)) {
            AccessControl access = AccessControl.open(storage, Optional.of("first"));
            assertThat(access.authenticate("root", "127.0.0.1", SCRAMBLE, response("first", SCRAMBLE))).isTrue();
            assertThat(access.authenticate("root", "127.0.0.1", SCRAMBLE, new byte[0])).isFalse();
            assertThat(storage.accounts().get(0).passwordHash()).startsWith("*").doesNotContain("first");
        }
        try (Storage storage = Storage.open(directory)) {
            AccessControl access = AccessControl.open(storage, Optional.of("second"));
            assertThat(access.authenticate("root", "127.0.0.1", SCRAMBLE, response("first", SCRAMBLE))).isTrue();
            assertThat(access.authenticate("root", "127.0.0.1", SCRAMBLE, response("second", SCRAMBLE))).isFalse();
        }
    }

    @Test
    void emptyPasswordsAndUnknownUsers()
            throws Exception
    {
        try (Storage storage = Storage.open(directory)) {
            AccessControl access = AccessControl.open(storage, Optional.empty());
            assertThat(access.authenticate("root", "10.1.2.3", SCRAMBLE, new byte[0])).isTrue();
            assertThat(access.authenticate("root", "10.1.2.3", SCRAMBLE, response("x", SCRAMBLE))).isFalse();
            assertThat(access.authenticate("nobody", "10.1.2.3", SCRAMBLE, new byte[0])).isFalse();
        }
    }

    @Test
    void theMostSpecificHostWins()
            throws Exception
    {
        try (Storage storage = Storage.open(directory)) {
            AccessControl access = AccessControl.open(storage, Optional.empty());
            access.createUser(new UserAccount("bob", "%"), "any", false);
            access.createUser(new UserAccount("bob", "localhost"), "local", false);
            access.createUser(new UserAccount("bob", "10.0.%"), "office", false);
            assertThat(access.account("bob", "127.0.0.1")).contains(new UserAccount("bob", "localhost"));
            assertThat(access.account("bob", "10.0.7.1")).contains(new UserAccount("bob", "10.0.%"));
            assertThat(access.account("bob", "192.168.1.1")).contains(new UserAccount("bob", "%"));
            assertThat(access.authenticate("bob", "10.0.7.1", SCRAMBLE, response("office", SCRAMBLE))).isTrue();
            assertThat(access.authenticate("bob", "10.0.7.1", SCRAMBLE, response("any", SCRAMBLE))).isFalse();
            assertThat(HostPattern.rank("10.0.%", "10.1.0.1")).isEqualTo(HostPattern.NO_MATCH);
            assertThat(HostPattern.rank("10.0.0._", "10.0.0.7")).isEqualTo(1);
        }
    }

    @Test
    void privilegesCoverTheirLevel()
    {
        try (Storage storage = Storage.open(directory)) {
            AccessControl access = AccessControl.open(storage, Optional.empty());
            UserAccount bob = new UserAccount("bob", "%");
            access.createUser(bob, "", false);
            access.grant(bob, Set.of(Privilege.SELECT), "shop", "orders");
            access.grant(bob, Set.of(Privilege.INSERT), "shop", GrantRecord.ANY);
            assertThat(access.has(bob, Privilege.SELECT, "shop", "orders")).isTrue();
            assertThat(access.has(bob, Privilege.SELECT, "shop", "secrets")).isFalse();
            assertThat(access.has(bob, Privilege.INSERT, "shop", "secrets")).isTrue();
            assertThat(access.has(bob, Privilege.INSERT, "other", "t")).isFalse();
            assertThat(access.seesDatabase(bob, "shop")).isTrue();
            assertThat(access.seesDatabase(bob, "other")).isFalse();
            assertThat(access.isAdministrator(bob)).isFalse();

            access.grant(bob, EnumSet.allOf(Privilege.class), GrantRecord.ANY, GrantRecord.ANY);
            assertThat(access.isAdministrator(bob)).isTrue();
            assertThat(access.showGrants(bob)).containsExactly(
                    "GRANT ALL PRIVILEGES ON *.* TO `bob`@`%`",
                    "GRANT INSERT ON `shop`.* TO `bob`@`%`",
                    "GRANT SELECT ON `shop`.`orders` TO `bob`@`%`");
            access.revoke(bob, Set.of(Privilege.DROP), GrantRecord.ANY, GrantRecord.ANY);
            assertThat(access.isAdministrator(bob)).isFalse();
            assertThat(access.has(bob, Privilege.DROP, "shop", "orders")).isFalse();

            access.dropUser(bob, false);
            assertThat(storage.grants()).isEmpty();
            assertThatThrownBy(() -> access.dropUser(new UserAccount("root", "%"), false)).isInstanceOf(SluiceException.class).hasMessageContaining("root");
        }
    }

    /** What a client sends: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))). */
    private static byte[] response(String password, byte[] scramble)
            throws Exception
    {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] hash = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] doubleHash = sha1.digest(hash);
        sha1.update(scramble);
        byte[] mask = sha1.digest(doubleHash);
        for (int i = 0; i < hash.length; i++) {
            hash[i] ^= mask[i];
        }
        return hash;
    }
}
