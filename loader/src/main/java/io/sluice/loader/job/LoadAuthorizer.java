package io.sluice.loader.job;

import java.util.Optional;

/**
 * Whether a job's creator may still load into its table: a job runs with the privileges of the account that created
 * it, so a job whose creator lost them (or was dropped) pauses instead of loading.
 */
@FunctionalInterface
public interface LoadAuthorizer
{
    LoadAuthorizer ALLOW_ALL = (creator, database, table) -> Optional.empty();

    /** Why the creator ({@code user@host}) may not load into the table, or empty when it may. */
    Optional<String> denial(String creator, String database, String table);
}
