package io.github.tsbackfill.shell;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "exit", aliases = "quit", description = "Leaves the shell (so does Ctrl-D).")
final class ExitCommand implements Callable<Integer> {

    private final BackfillShell shell;

    ExitCommand(BackfillShell shell) {
        this.shell = shell;
    }

    @Override
    public Integer call() {
        shell.exit();
        return 0;
    }
}
