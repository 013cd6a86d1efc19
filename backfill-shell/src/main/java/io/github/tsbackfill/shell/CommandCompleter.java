package io.github.tsbackfill.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Completes commands and options from the picocli command tree, the one the command line uses. */
final class CommandCompleter implements Completer {

    private final Supplier<CommandLine> commands;

    CommandCompleter(Supplier<CommandLine> commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String[] words = line.words().toArray(String[]::new);
        List<CharSequence> found = new ArrayList<>();
        AutoComplete.complete(commands.get().getCommandSpec(), words, line.wordIndex(), line.wordCursor(),
                line.cursor(), found);
        String prefix = line.word().substring(0, line.wordCursor());
        for (CharSequence suffix : found) {
            String value = prefix + suffix;
            candidates.add(new Candidate(value, value, null, null, null, null, true));
        }
    }
}
