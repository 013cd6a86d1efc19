package io.github.tsbackfill;

import java.util.List;

/**
 * Verification state of the whole queue after a run: chunks that match, chunks that differ (each difference
 * named), chunks not copied yet (so not verifiable), and chunks whose verification failed to run.
 */
public record VerifyResult(int verifiedNow, int matching, List<Mismatch> mismatches, int notCopied,
                           List<String> errors, List<String> notCompared, boolean stopped) {

    public VerifyResult {
        mismatches = List.copyOf(mismatches);
        errors = List.copyOf(errors);
        notCompared = List.copyOf(notCompared);
    }

    /** One chunk that differs; {@code details} lists every differing figure with both values. */
    public record Mismatch(String hypertable, String chunk, List<String> details) {
        public Mismatch {
            details = List.copyOf(details);
        }
    }

    public boolean ok() {
        return mismatches.isEmpty() && errors.isEmpty() && notCopied == 0 && !stopped;
    }
}
