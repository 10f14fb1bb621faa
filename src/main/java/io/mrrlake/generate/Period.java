package io.mrrlake.generate;

import java.time.LocalDate;

/** The generated period [start, end) in epoch seconds. */
record Period(LocalDate startDate, LocalDate endDate, long start, long end) {
    static Period of(GeneratorOptions o) {
        return new Period(o.start(), o.end(), Times.epoch(o.start()), Times.epoch(o.end()));
    }

    long days() {
        return (end - start) / Times.DAY;
    }

    boolean contains(long t) {
        return t >= start && t < end;
    }
}
