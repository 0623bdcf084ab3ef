package org.openvrm.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvrm.core.capacity.ReservationFit.Resource;

class ReservationFitTest {

    // A 4-CPU 2400 MHz host keeps 2 CPUs for management (seed S4): 4800 of 9600 MHz usable.
    @ParameterizedTest(name = "{0}: {1} usable, {2} reserved by others, wants {3}")
    @CsvSource(delimiter = '|', textBlock = """
            CPU    | 4800 | 4000 | 800  |
            CPU    | 4800 | 4000 | 2000 | CPU reservation: needs 2000 MHz, 800 MHz left to reserve of 4800 MHz usable: 1200 MHz short
            CPU    | 4800 | 0    | 4801 | CPU reservation: needs 4801 MHz, 4800 MHz left to reserve of 4800 MHz usable: 1 MHz short
            MEMORY | 8192 | 8192 | 0    |
            MEMORY | 8192 | 9000 | 0    | memory reservation: needs 0 MB, 0 MB left to reserve of 8192 MB usable: 808 MB short
            MEMORY | 8192 | 4096 | 6144 | memory reservation: needs 6144 MB, 4096 MB left to reserve of 8192 MB usable: 2048 MB short
            """)
    void fitsOrNamesTheShortfall(Resource r, long usable, long others, long wanted, String expected) {
        if (expected == null) {
            assertThat(ReservationFit.check(r, usable, others, wanted)).isEmpty();
        } else {
            assertThat(ReservationFit.check(r, usable, others, wanted)).hasValue(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"-1, 0, 0", "0, -1, 0", "0, 0, -1"})
    void negativeAmountsAreABug(long usable, long others, long wanted) {
        assertThatThrownBy(() -> ReservationFit.check(Resource.CPU, usable, others, wanted))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
