package io.github.tsbackfill;

import java.util.List;

/**
 * Verification state of the whole queue after a run: chunks verified by this run, chunks that match (now or in an
 * earlier run), chunks that differ (each difference named), chunks not copied yet (so not verifiable), copied
 * chunks still unverified (their verification failed to run, or the run stopped), and the errors of this run.
 */
public record VerifyResult(int verifiedNow, int matching, List<Mismatch> mismatches, int notCopied, int unverified,
                           List<String> errors, boolean stopped) {

    public VerifyResult {
        mismatches = List.copyOf(mismatches);
        errors = List.copyOf(errors);
    }

    /** One chunk that differs; {@code details} lists every differing figure with both values. */
    public record Mismatch(String hypertable, String chunk, List<String> details) {
        public Mismatch {
            details = List.copyOf(details);
        }
    }

    public boolean ok() {
        return mismatches.isEmpty() && errors.isEmpty() && notCopied == 0 && unverified == 0 && !stopped;
    }
}
