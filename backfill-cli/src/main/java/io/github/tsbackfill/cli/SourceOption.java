package io.github.tsbackfill.cli;

import picocli.CommandLine.Option;

/** {@code --source}, defaulting to {@code $SOURCE_DB}. */
final class SourceOption {

    @Option(names = "--source", paramLabel = "URL",
            description = "Source database: postgres://user:password@host:5432/db or a JDBC URL. Default: $SOURCE_DB.")
    String url;
}
