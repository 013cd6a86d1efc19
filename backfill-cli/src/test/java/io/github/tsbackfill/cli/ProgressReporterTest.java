package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.BackfillEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the progress display writes for events other than the status line: failures, changes in the workers. */
class ProgressReporterTest {

    @Test
    void saysWhenTheWorkersChangeAfterTheRunStartedAndNothingWhenQuiet() {
        StringWriter text = new StringWriter();
        ProgressReporter progress = new ProgressReporter(new PrintWriter(text, true), false, false);
        progress.onEvent(new BackfillEvent.ParallelismChanged("copy", 1, "-p auto starts with one, up to 8"));
        progress.onEvent(new BackfillEvent.ParallelismChanged("copy", 2, "-p auto climbing: 18.5 MB/s with 1"));
        progress.onEvent(new BackfillEvent.ParallelismChanged("copy", 2, "-p auto settled: 30.9 MB/s with 2"));
        assertThat(text.toString()).doesNotContain("starts with one")
                .contains("copy: 2 worker(s): -p auto climbing: 18.5 MB/s with 1\n",
                        "copy: 2 worker(s): -p auto settled: 30.9 MB/s with 2\n");

        StringWriter quiet = new StringWriter();
        ProgressReporter silent = new ProgressReporter(new PrintWriter(quiet, true), false, true);
        silent.onEvent(new BackfillEvent.ParallelismChanged("copy", 1, "-p auto starts with one, up to 8"));
        silent.onEvent(new BackfillEvent.ParallelismChanged("copy", 2, "-p auto climbing"));
        assertThat(quiet.toString()).isEmpty();
    }
}
