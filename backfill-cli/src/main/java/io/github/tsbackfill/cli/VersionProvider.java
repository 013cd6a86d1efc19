package io.github.tsbackfill.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = BackfillCommand.class.getPackage().getImplementationVersion();
        return new String[] {"timescaledb-backfill " + (version == null ? "development" : version)};
    }
}
