package io.github.tsbackfill;

import java.util.List;

/**
 * What stage recorded (or, for a dry run, would record), per hypertable. {@link #ok()} is false when any matched
 * hypertable was skipped.
 */
public record StageResult(List<HypertableStage> hypertables, boolean dryRun) {

    public StageResult {
        hypertables = List.copyOf(hypertables);
    }

    /**
     * Outcome for one hypertable; {@code skipped} holds the reason when nothing was staged for it.
     *
     * @param partial             chunks crossing {@code --from} or {@code --until}, copied in part
     * @param compressed          compressed chunks
     * @param partiallyCompressed compressed chunks that also hold rows inserted after compression
     * @param estimatedRows       rows to copy, from statistics (never counted)
     * @param estimatedBytes      bytes to copy as stored on the source (compressed chunks at their compressed size)
     * @param newTargetChunks     chunks the target does not have yet: copy creates them
     */
    public record HypertableStage(String hypertable, int chunks, int inserted, int widened, int partial,
                                  int compressed, int partiallyCompressed, long estimatedRows, long estimatedBytes,
                                  int newTargetChunks, String skipped) {

        public static HypertableStage skipped(String hypertable, int chunks, String reason) {
            return new HypertableStage(hypertable, chunks, 0, 0, 0, 0, 0, 0, 0, 0, reason);
        }
    }

    public int inserted() {
        return hypertables.stream().mapToInt(HypertableStage::inserted).sum();
    }

    public int widened() {
        return hypertables.stream().mapToInt(HypertableStage::widened).sum();
    }

    public long estimatedBytes() {
        return hypertables.stream().mapToLong(HypertableStage::estimatedBytes).sum();
    }

    public int chunks() {
        return hypertables.stream().mapToInt(HypertableStage::chunks).sum();
    }

    public boolean ok() {
        return hypertables.stream().allMatch(h -> h.skipped() == null);
    }
}
