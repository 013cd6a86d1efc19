package io.github.tsbackfill.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.BackfillConfig;
import io.github.tsbackfill.BackfillListener;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What every command shares: output format, verbosity, and opening a {@link Backfill}. */
abstract class BaseCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    BackfillCommand parent;

    @Option(names = "--output", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON document with the result on standard output.")
    Format output;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: each log line on standard error as one JSON object, for log "
                    + "shippers.")
    Format logFormat;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces with errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only errors and the result; no progress.")
    boolean quiet;

    /** The shared context of the front-end. */
    CliContext context() {
        return parent.context();
    }

    @Override
    public final Integer call() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.github.tsbackfill");
        ours.setLevel(verbose ? Level.DEBUG : quiet || output == Format.json ? Level.ERROR : Level.WARN);
        root.setLevel(verbose ? Level.INFO : Level.ERROR);
        LogFormat.use(logFormat == Format.json);
        return execute();
    }

    abstract Integer execute() throws Exception;

    /** Prints the result: JSON when asked, else the text the command renders. */
    void print(Object result, String text) {
        context().out().println(output == Format.json ? Json.write(result) : text);
        context().out().flush();
    }

    ProgressReporter progress() {
        return new ProgressReporter(context().err(), context().terminal(), quiet || output == Format.json);
    }

    ConnectionUrl source(SourceOption option) {
        return ConnectionUrl.parse("--source", option.url != null ? option.url : context().env().get("SOURCE_DB"),
                context().env());
    }

    ConnectionUrl target(TargetOption option) {
        return ConnectionUrl.parse("--target", option.url != null ? option.url : context().env().get("TARGET_DB"),
                context().env());
    }

    /** A Backfill on the given databases; {@code source} may be null for target-only commands. */
    static Backfill open(ConnectionUrl source, ConnectionUrl target, int parallelism, BackfillListener listener) {
        BackfillConfig.Builder config = BackfillConfig.builder()
                .target(target.endpoint())
                .maxParallelism(Math.max(1, parallelism))
                .listener(listener);
        if (source != null) {
            config.source(source.endpoint());
        }
        return Backfill.create(config.build());
    }
}
