package io.sluice.server.statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
