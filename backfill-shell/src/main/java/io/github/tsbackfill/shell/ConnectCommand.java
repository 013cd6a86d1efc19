package io.github.tsbackfill.shell;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Sets the source and/or target used by the following commands (instead of --source/--target).")
final class ConnectCommand implements Callable<Integer> {

    private final BackfillShell shell;

    @Option(names = "--source", paramLabel = "URL", description = "Source database URL.")
    String source;

    @Option(names = "--target", paramLabel = "URL", description = "Target database URL.")
    String target;

    ConnectCommand(BackfillShell shell) {
        this.shell = shell;
    }

    @Override
    public Integer call() {
        shell.connect(source, target);
        return 0;
    }
}
