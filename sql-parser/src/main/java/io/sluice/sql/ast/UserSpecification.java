package io.sluice.sql.ast;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An account with what CREATE USER / ALTER USER say about it: {@code IDENTIFIED [WITH plugin] BY 'password'}. */
public record UserSpecification(UserAccount account, Optional<String> plugin, Optional<String> password)
{
    public UserSpecification
    {
        requireNonNull(account, "account is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(password, "password is null");
    }
}
