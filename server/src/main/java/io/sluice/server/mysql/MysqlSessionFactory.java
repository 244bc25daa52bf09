package io.sluice.server.mysql;

/** Opens the session of a connection once the client has authenticated. */
public interface MysqlSessionFactory
{
    /**
     * Called on a worker thread. Throw {@link MysqlException} to refuse the connection, for example
     * {@code 1049 42000 Unknown database 'x'} when {@link ConnectionInfo#database()} does not exist; the client gets
     * the error and the connection is closed.
     */
    MysqlSession open(ConnectionInfo connection);
}
