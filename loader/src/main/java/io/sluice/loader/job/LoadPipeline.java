package io.sluice.loader.job;

import io.sluice.loader.decode.CsvMessageDecoder;
import io.sluice.loader.decode.JsonMessageDecoder;
import io.sluice.loader.decode.MessageDecoder;
import io.sluice.loader.decode.RowAssembler;
import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.storage.catalog.TableSchema;

/**
 * Builds a job's decoder and row assembler from its definition. CREATE and ALTER build them once to validate the
 * statement (bad jsonpaths, separators, COLUMNS or WHERE fail there), the tasks build them for every batch.
 */
public final class LoadPipeline
{
    private LoadPipeline() {}

    public static RowAssembler assembler(TableSchema schema, RoutineLoadDefinition definition, JobProperties properties, ExpressionCompiler compiler)
    {
        return new RowAssembler(schema, definition.columns(), definition.where(), properties.strictMode(), properties.partialUpdate(),
                compiler, properties.timeZone());
    }

    public static MessageDecoder decoder(RoutineLoadDefinition definition, JobProperties properties, RowAssembler assembler)
    {
        if (properties.format().equals("json")) {
            return new JsonMessageDecoder(assembler.sourceNames(), properties.jsonPaths(), properties.jsonRoot(), properties.stripOuterArray());
        }
        return new CsvMessageDecoder(assembler.sourceNames().size(),
                definition.columnSeparatorValue(),
                definition.rowDelimiterValue(),
                properties.enclose(),
                properties.escape(),
                properties.trimSpace());
    }
}
