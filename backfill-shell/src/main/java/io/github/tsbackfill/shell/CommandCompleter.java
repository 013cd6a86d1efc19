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

/**
 * Completes commands and options from the picocli command tree, the one the command line uses, and the values of
 * {@code --filter} from the source's hypertables and continuous aggregates.
 */
final class CommandCompleter implements Completer {

    private final Supplier<CommandLine> commands;
    private final Supplier<List<String>> hypertables;

    CommandCompleter(Supplier<CommandLine> commands, Supplier<List<String>> hypertables) {
        this.commands = commands;
        this.hypertables = hypertables;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String[] words = line.words().toArray(String[]::new);
        if (line.wordIndex() > 0 && words[line.wordIndex() - 1].equals("--filter")) {
            String typed = line.word().substring(0, line.wordCursor());
            hypertables.get().stream().filter(name -> name.startsWith(typed))
                    .forEach(name -> candidates.add(new Candidate(name, name, null, null, null, null, true)));
            return;
        }
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
