package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class RateConverterTest {

    private final RateConverter rate = new RateConverter();

    @Test
    void readsDecimalAndBinaryUnitsWithOrWithoutPerSecond() {
        assertThat(rate.convert("50MB/s")).isEqualTo(50_000_000L);
        assertThat(rate.convert("50 mb")).isEqualTo(50_000_000L);
        assertThat(rate.convert("800KiB/s")).isEqualTo(819_200L);
        assertThat(rate.convert("1.5GB")).isEqualTo(1_500_000_000L);
        assertThat(rate.convert("2TiB/s")).isEqualTo(2L << 40);
        assertThat(rate.convert("1000000")).isEqualTo(1_000_000L);
        assertThat(rate.convert("0")).isZero();
    }

    @Test
    void refusesWhatIsNotARate() {
        for (String bad : new String[] {"fast", "-5MB/s", "5 MB per second", "MB/s", ""}) {
            assertThatThrownBy(() -> rate.convert(bad)).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("is not a rate such as 50MB/s");
        }
    }
}
