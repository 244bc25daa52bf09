package io.sluice.sql.parser;

import io.sluice.sql.ast.PrivilegeLevel;
import io.sluice.sql.ast.SqlAlterUser;
import io.sluice.sql.ast.SqlCreateUser;
import io.sluice.sql.ast.SqlDropUser;
import io.sluice.sql.ast.SqlGrant;
import io.sluice.sql.ast.SqlRevoke;
import io.sluice.sql.ast.SqlSetPassword;
import io.sluice.sql.ast.SqlSetVariables;
import io.sluice.sql.ast.SqlShowGrants;
import io.sluice.sql.ast.UserAccount;
import io.sluice.sql.ast.UserSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.sluice.sql.parser.ParserAssertions.parse;
import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

class TestAccountStatements
{
    @Test
    void accountNames()
    {
        assertThat(parse("CREATE USER 'bob'@'%'", SqlCreateUser.class).users())
                .containsExactly(new UserSpecification(new UserAccount("bob", "%"), Optional.empty(), Optional.empty()));
        assertThat(parse("create user bob@localhost, 'it''s'@'10.0.%', \"carol\"", SqlCreateUser.class).users())
                .extracting(UserSpecification::account)
                .containsExactly(new UserAccount("bob", "localhost"), new UserAccount("it's", "10.0.%"), new UserAccount("carol", "%"));
        assertThat(parse("DROP USER IF EXISTS `bob`@'%'", SqlDropUser.class).accounts()).containsExactly(new UserAccount("bob", "%"));
    }

    @Test
    void passwords()
    {
        SqlCreateUser create = parse("CREATE USER IF NOT EXISTS bob IDENTIFIED BY 'pw', alice IDENTIFIED WITH mysql_native_password BY 'x'", SqlCreateUser.class);
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.users()).extracting(UserSpecification::password).containsExactly(Optional.of("pw"), Optional.of("x"));
        assertThat(create.users().get(1).plugin()).contains("mysql_native_password");
        assertThat(create.toString()).doesNotContain("pw");

        assertThat(parse("ALTER USER 'bob'@'%' IDENTIFIED BY 'new'", SqlAlterUser.class).users().get(0).password()).contains("new");
        SqlSetPassword own = parse("SET PASSWORD = 'secret'", SqlSetPassword.class);
        assertThat(own.account().isCurrent()).isTrue();
        assertThat(own.password()).isEqualTo("secret");
        SqlSetPassword other = parse("set password for 'bob'@'%' = password('old style')", SqlSetPassword.class);
        assertThat(other.account()).isEqualTo(new UserAccount("bob", "%"));
        assertThat(other.password()).isEqualTo("old style");
        assertThat(other.toString()).doesNotContain("old style");
        // user variables still work after '@' became a token
        assertThat(parse("SET @x = 1", SqlSetVariables.class).assignments()).hasSize(1);
    }

    @Test
    void grantsAndRevokes()
    {
        SqlGrant grant = parse("GRANT SELECT, insert, LOAD ON shop.* TO bob, 'alice'@'localhost' WITH GRANT OPTION", SqlGrant.class);
        assertThat(grant.privileges()).containsExactly("SELECT", "INSERT", "LOAD");
        assertThat(grant.level()).isEqualTo(new PrivilegeLevel(Optional.of("shop"), "*"));
        assertThat(grant.accounts()).containsExactly(new UserAccount("bob", "%"), new UserAccount("alice", "localhost"));

        assertThat(parse("GRANT ALL PRIVILEGES ON *.* TO bob", SqlGrant.class).level()).isEqualTo(new PrivilegeLevel(Optional.of("*"), "*"));
        assertThat(parse("GRANT ALL ON orders TO bob", SqlGrant.class).level()).isEqualTo(new PrivilegeLevel(Optional.empty(), "orders"));
        assertThat(parse("GRANT DROP ON * TO bob", SqlGrant.class).level()).isEqualTo(new PrivilegeLevel(Optional.empty(), "*"));
        SqlRevoke revoke = parse("REVOKE ALTER, CREATE ON shop.orders FROM bob", SqlRevoke.class);
        assertThat(revoke.privileges()).containsExactly("ALTER", "CREATE");
        assertThat(revoke.level()).isEqualTo(new PrivilegeLevel(Optional.of("shop"), "orders"));

        assertThat(parse("SHOW GRANTS", SqlShowGrants.class).account().isCurrent()).isTrue();
        assertThat(parse("show grants for current_user()", SqlShowGrants.class).account().isCurrent()).isTrue();
        assertThat(parse("SHOW GRANTS FOR 'bob'@'%'", SqlShowGrants.class).account()).isEqualTo(new UserAccount("bob", "%"));
    }

    @Test
    void mistakes()
    {
        assertThat(syntaxError("GRANT FROB ON *.* TO bob").getMessage()).contains("FROB");
        assertThat(syntaxError("GRANT SELECT ON *.* bob").getMessage()).contains("bob");
        assertThat(syntaxError("SET PASSWORD = 1").getMessage()).contains("1");
        assertThat(syntaxError("CREATE USER").getMessage()).contains("line 1");
    }

    @Test
    void keywordsStayUsableAsNames()
    {
        assertThat(parse("SELECT 1 AS password, 2 AS grants, 3 AS identified", org.apache.calcite.sql.SqlSelect.class).getSelectList()).hasSize(3);
        assertThat(List.of(parse("GRANT SELECT ON password.grants TO identified", SqlGrant.class).level().table())).containsExactly("grants");
    }
}
