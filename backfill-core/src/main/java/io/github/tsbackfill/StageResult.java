package io.github.tsbackfill;

import java.util.List;

/** What stage recorded, per hypertable. {@link #ok()} is false when any matched hypertable was skipped. */
public record StageResult(List<HypertableStage> hypertables) {

    public StageResult {
        hypertables = List.copyOf(hypertables);
    }

    /** Outcome for one hypertable; {@code skipped} holds the reason when nothing was staged for it. */
    public record HypertableStage(String hypertable, int chunks, int inserted, int widened, int partial,
                                  int compressed, String skipped) {
    }

    public int inserted() {
        return hypertables.stream().mapToInt(HypertableStage::inserted).sum();
    }

    public int widened() {
        return hypertables.stream().mapToInt(HypertableStage::widened).sum();
    }

    public int chunks() {
        return hypertables.stream().mapToInt(HypertableStage::chunks).sum();
    }

    public boolean ok() {
        return hypertables.stream().allMatch(h -> h.skipped() == null);
    }
}
