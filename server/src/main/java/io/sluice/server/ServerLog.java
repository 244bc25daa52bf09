package io.sluice.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.sluice.server.kafka.BrokerLogNoiseFilter;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The server's log file: {@code <data dir>/log/sluice.log}, rolled daily and at 100 MB, 14 files and 1 GB kept, the
 * same lines as the console. Added by {@link Main} only, so tests that embed the server log to the console alone.
 */
final class ServerLog
{
    static final String FILE_NAME = "sluice.log";

    private ServerLog() {}

    static Path start(Path dataDirectory)
    {
        Path directory = dataDirectory.resolve("log").toAbsolutePath();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(directory.resolve(FILE_NAME).toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(directory.resolve("sluice.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("100MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        BrokerLogNoiseFilter filter = new BrokerLogNoiseFilter();
        filter.setContext(context);
        filter.start();
        appender.addFilter(filter);
        appender.start();

        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return directory.resolve(FILE_NAME);
    }
}
