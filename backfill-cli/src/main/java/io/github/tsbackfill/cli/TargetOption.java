package io.github.tsbackfill.cli;

import picocli.CommandLine.Option;

/** {@code --target}, defaulting to {@code $TARGET_DB}. */
final class TargetOption {

    @Option(names = "--target", paramLabel = "URL",
            description = "Target database: hypertables already created there; tasks are kept there. Default: $TARGET_DB.")
    String url;
}
