package io.sluice.server.statement;

import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.sql.parser.SqlSyntaxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretRedactionTest
{
    @Test
    void masksSecretPropertiesAndKeepsTheOthers()
    {
        String sql = "CREATE ROUTINE LOAD j ON t FROM KAFKA (\"kafka_topic\" = \"t\", \"property.sasl.jaas.config\" = "
                + "\"PlainLoginModule required username=\\\"u\\\" password=\\\"p4ss\\\";\", 'property.ssl.keystore.password' = 'k3y')";

        String redacted = SecretRedaction.redact(sql);

        assertThat(redacted)
                .contains("\"kafka_topic\" = \"t\"")
                .contains("\"property.sasl.jaas.config\" = \"******\"")
                .contains("'property.ssl.keystore.password' = '******'")
                .doesNotContain("p4ss")
                .doesNotContain("k3y");
    }

    @Test
    void masksPasswords()
    {
        assertThat(SecretRedaction.redact("CREATE USER 'bob'@'%' IDENTIFIED BY 'hunter2'")).isEqualTo("CREATE USER 'bob'@'%' IDENTIFIED BY '******'");
        assertThat(SecretRedaction.redact("set password for bob = password('hunter2')")).isEqualTo("set password for bob = password('******')");
        assertThat(SecretRedaction.redact("select 'hunter2' = 'x'")).isEqualTo("select 'hunter2' = 'x'");
    }

    @Test
    void syntaxErrorsDoNotQuoteSecrets()
    {
        // the error right before the secret: MySQL's "near" would quote it
        String typo = "CREATE ROUTINE LOAD j ON t PROPERTIS (\"property.sasl.jaas.config\" = \"x password='p4ss-jaas';\") FROM KAFKA (\"kafka_topic\" = \"t\")";
        assertThat(syntaxError(typo)).contains("near 'PROPERTIS (\"property.sasl.jaas.config\" = \"******\")").doesNotContain("p4ss");
        // after it: the quote starts after the secret, as it did
        String after = "CREATE ROUTINE LOAD j ON t FROM KAFKA (\"kafka_topic\" = \"t\", \"property.ssl.key.password\" = \"k3y-pass\" oops)";
        assertThat(syntaxError(after)).contains("near 'oops)'").doesNotContain("k3y");
        // far before it: the 80 characters quoted are cut inside the secret
        String cut = "CREATE ROUTINE LOAD j ON t WHERE WHERE FROM KAFKA (\"kafka_topic\" = \"t\", \"property.ssl.truststore.password\" = \"trust-me-p4ss\")";
        assertThat(syntaxError(cut)).doesNotContain("trust-me").doesNotContain("p4ss").contains("\"property.ssl.truststore.password\" = \"***");
        // a password
        assertThat(syntaxError("CREATE USER bob IDENTIFIED BY 'hunter2' oops")).contains("near 'oops'").doesNotContain("hunter2");
        // no secret: the parser's message as it is
        SqlSyntaxException plain = parseError("select * frm t");
        assertThat(SecretRedaction.syntaxErrorMessage("select * frm t", plain)).isEqualTo(plain.getMessage());
    }

    private static String syntaxError(String sql)
    {
        return SecretRedaction.syntaxErrorMessage(sql, parseError(sql));
    }

    private static SqlSyntaxException parseError(String sql)
    {
        SqlSyntaxException error = catchThrowableOfType(SqlSyntaxException.class, () -> SluiceSqlParser.parse(sql));
        assertThat(error).as(sql).isNotNull();
        return error;
    }
}
