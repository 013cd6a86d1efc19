package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tsbackfill.CleanResult;
import io.github.tsbackfill.ControlSettings;
import io.github.tsbackfill.CopyResult;
import io.github.tsbackfill.PausedPolicy;
import io.github.tsbackfill.RefreshResult;
import io.github.tsbackfill.StageResult;
import io.github.tsbackfill.StatusResult;
import io.github.tsbackfill.VerifyResult;
import io.github.tsbackfill.WorkerStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON documents of --output json, field for field: scripts parse them. */
class JsonTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 26, 16, 40, 57, 0, ZoneOffset.UTC);
    private static final PausedPolicy POLICY = new PausedPolicy(1000, "policy_retention", "metrics.cpu", AT);
    private static final String POLICY_JSON = "{\"jobId\":1000,\"policy\":\"policy_retention\",\"object\":\"metrics.cpu\","
            + "\"pausedAt\":\"2026-11-26T16:40:57Z\"}";

    @Test
    void copyVerifyStageRefreshStatusControlAndCleanKeepTheirDocuments() {
        assertThat(Json.write(new CopyResult(
                List.of(new CopyResult.HypertableCopy("metrics.cpu", 3, 1, 1200, 34567, 5, Duration.ofMillis(1500))),
                List.of(new CopyResult.Failure("metrics.cpu", "_hyper_1_2_chunk", "line \"one\"\nline two")),
                List.of(new CopyResult.Skipped("metrics.cpu", "_hyper_1_3_chunk", "gone")), false, 1,
                Duration.ofMillis(2250), List.of("metrics.cpu_daily"), new CopyResult.Parallelism(2, true, true,
                List.of(new CopyResult.ParallelismStep(1, 40_000_000), new CopyResult.ParallelismStep(2, 61_000_000))),
                List.of(POLICY))))
                .isEqualTo("{\"hypertables\":[{\"hypertable\":\"metrics.cpu\",\"chunks\":3,\"compressedChunks\":1,\"rows\":1200,"
                        + "\"bytes\":34567,\"replacedRows\":5,\"busy\":1.5}],\"failures\":[{\"hypertable\":\"metrics.cpu\",\"ch"
                        + "unk\":\"_hyper_1_2_chunk\",\"message\":\"line \\\"one\\\"\\nline two\"}],\"skipped\":[{\"hypertable\""
                        + ":\"metrics.cpu\",\"chunk\":\"_hyper_1_3_chunk\",\"reason\":\"gone\"}],\"stopped\":false,\"pending\":"
                        + "1,\"duration\":2.25,\"caggsToRefresh\":[\"metrics.cpu_daily\"],\"parallelism\":{\"workers\":2,\"au"
                        + "to\":true,\"settled\":true,\"measured\":[{\"workers\":1,\"bytesPerSecond\":40000000},{\"workers\":"
                        + "2,\"bytesPerSecond\":61000000}]},\"pausedPolicies\":[" + POLICY_JSON + "]}");
        assertThat(Json.write(new VerifyResult(2, 1, List.of(new VerifyResult.Mismatch("metrics.cpu", "_hyper_1_2_chunk",
                List.of("row count: source 576, target 432"))), 0, 3, List.of(), true)))
                .isEqualTo("{\"verifiedNow\":2,\"matching\":1,\"mismatches\":[{\"hypertable\":\"metrics.cpu\",\"chunk\":\"_hyper"
                        + "_1_2_chunk\",\"details\":[\"row count: source 576, target 432\"]}],\"notCopied\":0,\"unverified\":3,"
                        + "\"errors\":[],\"stopped\":true}");
        assertThat(Json.write(new StageResult(List.of(new StageResult.HypertableStage("metrics.cpu", 10, 9, 1, 2, 3, 1,
                5770, 1605632, 4, null), StageResult.HypertableStage.skipped("metrics.gone", 2, "missing on the target")),
                true)))
                .isEqualTo("{\"hypertables\":[{\"hypertable\":\"metrics.cpu\",\"chunks\":10,\"inserted\":9,\"widened\":1,\"parti"
                        + "al\":2,\"compressed\":3,\"partiallyCompressed\":1,\"estimatedRows\":5770,\"estimatedBytes\":1605632,"
                        + "\"newTargetChunks\":4,\"skipped\":null},{\"hypertable\":\"metrics.gone\",\"chunks\":2,\"inserted\":0"
                        + ",\"widened\":0,\"partial\":0,\"compressed\":0,\"partiallyCompressed\":0,\"estimatedRows\":0,\"estima"
                        + "tedBytes\":0,\"newTargetChunks\":0,\"skipped\":\"missing on the target\"}],\"dryRun\":true}");
        assertThat(Json.write(new RefreshResult(List.of(new RefreshResult.Refreshed("metrics.cpu_daily",
                "2024-01-01 00:00:00+00", "2024-01-03 00:00:00+00", "copied", Duration.ofMillis(40))), List.of(POLICY), List.of())))
                .isEqualTo("{\"refreshed\":[{\"cagg\":\"metrics.cpu_daily\",\"from\":\"2024-01-01 00:00:00+00\",\"until\":\"2024"
                        + "-01-03 00:00:00+00\",\"reason\":\"copied\",\"duration\":0.04}],"
                        + "\"resumedPolicies\":[" + POLICY_JSON + "],\"stillPausedPolicies\":[]}");
        assertThat(Json.write(new StatusResult(List.of(new StatusResult.HypertableStatus("metrics.cpu", 10, 4, 3, 1, 0,
                0, 2304, 65536, 0, 1605632, 802816)), 1.5e6, Duration.ofSeconds(90),
                new ControlSettings(true, 2, 50_000_000L, AT), List.of(new WorkerStatus("vm:1279/copy-1", "copy",
                "_hyper_1_9_chunk", AT, 13_400_000, 4.7e6, Duration.ofMillis(1600))), List.of(POLICY))))
                .isEqualTo("{\"hypertables\":[{\"hypertable\":\"metrics.cpu\",\"chunks\":10,\"copied\":4,\"verified\":3,\"failed"
                        + "\":1,\"mismatched\":0,\"skipped\":0,\"rowsCopied\":2304,\"bytesCopied\":65536,\"rowsReplaced\":0,\"e"
                        + "stimatedBytes\":1605632,\"estimatedBytesLeft\":802816}],\"bytesPerSecond\":1500000.0,\"eta\":90.0,\""
                        + "control\":{\"paused\":true,\"parallelism\":2,\"maxRate\":50000000,\"updated\":\"2026-11-26T16:40:57Z"
                        + "\"},\"workers\":[{\"worker\":\"vm:1279/copy-1\",\"job\":\"copy\",\"chunk\":\"_hyper_1_9_chunk\",\"ta"
                        + "skStarted\":\"2026-11-26T16:40:57Z\",\"bytes\":13400000,\"bytesPerSecond\":4700000.0,\"sinceProgress"
                        + "\":1.6}],\"pausedPolicies\":[" + POLICY_JSON + "]}");
        assertThat(Json.write(new StatusResult(List.of(), 0, null, new ControlSettings(false, null, null, null),
                List.of(), List.of())))
                .isEqualTo("{\"hypertables\":[],\"bytesPerSecond\":0.0,\"eta\":null,\"control\":{\"paused\":false,\"parallelism\""
                        + ":null,\"maxRate\":null,\"updated\":null},\"workers\":[],\"pausedPolicies\":[]}");
        assertThat(Json.write(new CleanResult(true, List.of(POLICY))))
                .isEqualTo("{\"dropped\":true,\"resumedPolicies\":[" + POLICY_JSON + "]}");
    }
}
