package io.github.tsbackfill.cli;

import io.github.tsbackfill.Backfill;
import io.github.tsbackfill.ControlRequest;
import io.github.tsbackfill.ControlSettings;
import io.github.tsbackfill.PausedPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "control", mixinStandardHelpOptions = true,
        description = {
            "Steers every copy and verify process working on this target, on any host, within a few seconds: each "
                    + "reads the queue's control every two seconds. Without options, shows it.",
            "",
            "--pause lets the chunks in progress finish and claims nothing new until --resume; --parallelism lowers "
                    + "the workers of each process (never above its own -p); --max-rate caps what all copy processes "
                    + "send together, shared equally among those running. 'status' shows the control and the live "
                    + "workers."},
        footer = {"", "Examples:", "  timescaledb-backfill control --target $TARGET_DB --pause",
            "  timescaledb-backfill control --target $TARGET_DB --resume --max-rate 200MB/s",
            "  timescaledb-backfill control --target $TARGET_DB --parallelism 0 --max-rate 0   # back to each -p, no limit",
            "", ExitCode.HELP})
final class ControlCommand extends BaseCommand {

    @Mixin
    TargetOption targetOption;

    @ArgGroup(exclusive = true)
    Pause pause;

    static final class Pause {
        @Option(names = "--pause", required = true, description = "Claim nothing new; chunks in progress finish.")
        boolean pause;

        @Option(names = "--resume", required = true, description = "Claim again after --pause.")
        boolean resume;
    }

    @Option(names = {"-p", "--parallelism"}, paramLabel = "N",
            description = "Workers per process at most (a process never runs more than its own -p); 0: each "
                    + "process's own -p.")
    Integer parallelism;

    @Option(names = "--max-rate", paramLabel = "RATE", converter = RateConverter.class,
            description = "Bytes per second for all copy processes together, e.g. 50MB/s or 800KiB/s (k, M, G: "
                    + "powers of 1000; Ki, Mi, Gi: of 1024); 0: no limit.")
    Long maxRate;

    @Option(names = "--resume-policies",
            description = "Schedule again the target's policy jobs that copy --pause-policies paused (refresh-caggs "
                    + "and clean do it too).")
    boolean resumePolicies;

    @Override
    Integer execute() throws Exception {
        Boolean paused = pause == null ? null : pause.pause;
        try (Backfill backfill = open(null, target(targetOption), 1, progress())) {
            ControlSettings settings = backfill.control(new ControlRequest(paused, parallelism, maxRate));
            if (!resumePolicies) {
                print(settings, describe(settings));
                return ExitCode.OK;
            }
            List<PausedPolicy> resumed = backfill.resumePolicies();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("control", settings);
            json.put("resumedPolicies", resumed);
            print(json, describe(settings) + "\n" + (resumed.isEmpty() ? "No policy job was paused."
                    : "Resumed " + policies(resumed) + "."));
            return ExitCode.OK;
        }
    }

    /** The line copy and status print while policy jobs are paused; empty when none is. */
    static String pausedNote(List<PausedPolicy> jobs) {
        return jobs.isEmpty() ? "" : "\nPaused for the backfill: " + policies(jobs)
                + ". refresh-caggs (once everything is copied), clean or control --resume-policies resume them.";
    }

    /** "2 policy job(s): 1000 (policy_retention on metrics.cpu), 1001 (...)". */
    static String policies(List<PausedPolicy> jobs) {
        return jobs.size() + " policy job(s): " + jobs.stream()
                .map(j -> j.jobId() + " (" + j.policy() + " on " + j.object() + ")")
                .collect(Collectors.joining(", "));
    }

    /** "paused; 2 worker(s) per process at most; 50.0 MB/s for all copies together" or "running, no limits". */
    static String describe(ControlSettings settings) {
        return (settings.paused() ? "paused" : "running") + "; "
                + (settings.parallelism() == null ? "each process's own -p" : settings.parallelism() + " worker(s) per process at most")
                + "; " + (settings.maxRate() == null ? "no rate limit" : Units.bytes(settings.maxRate()) + "/s for all copies together")
                + ".";
    }
}
