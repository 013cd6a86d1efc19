package io.github.tsbackfill.shell;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stops the command running in the background (started with '&'): it finishes the chunks in "
                + "progress and ends; with --force it stops now and the chunks in progress roll back and stay pending.")
final class StopCommand implements Callable<Integer> {

    private final BackfillShell shell;

    @Option(names = "--force", description = "Stop now; chunks in progress roll back.")
    boolean force;

    StopCommand(BackfillShell shell) {
        this.shell = shell;
    }

    @Override
    public Integer call() {
        return shell.stopBackground(force);
    }
}
