package io.sluice.server.statement;

import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.server.expression.LoadExpressionCompiler;
import io.sluice.server.mysql.ConnectionInfo;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.storage.Storage;

import java.util.List;

/** Runs setup statements through a real session, failing on any error. */
final class WriteStatementsFixture
{
    private WriteStatementsFixture() {}

    static void run(Storage storage, String database, List<String> statements)
    {
        SluiceSession session = new SluiceSession(storage, new RoutineLoadManager(storage, new LoadExpressionCompiler()),
                new ConnectionInfo(1, "root", "127.0.0.1", database, 0));
        for (String sql : statements) {
            MysqlResponse response = session.query(sql);
            if (response instanceof MysqlResponse.Error error) {
                throw new AssertionError(sql + ": " + error);
            }
        }
    }
}
