package io.mrrlake.mrr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.mrrlake.config.CustomerSettings;
import io.mrrlake.config.MrrSettings;
import io.mrrlake.generate.Generator;
import io.mrrlake.generate.GeneratorOptions;
import io.mrrlake.landing.InputFormat;
import io.mrrlake.model.OutputDataset;
import io.mrrlake.source.SourceResult;
import io.mrrlake.source.SourceStage;
import io.mrrlake.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 6's invariants over every customer and month of generated data: 10,000 customers with all
 * four currencies, merges (explicit and by external id), prorations, cancellations and comebacks.
 */
@org.junit.jupiter.api.Tag("slow")
class GeneratedDataInvariantsTest {

    @Test
    void invariantsHoldToTheCentOnTenThousandGeneratedCustomers(@TempDir Path dir) throws Exception {
        Path landing = dir.resolve("landing");
        Generator.generate(new GeneratorOptions(landing.toString(), 10_000, 11, 36, LocalDate.of(2023, 1, 1)),
                new Configuration());
        Instant asOf = Instant.parse("2025-12-31T23:59:59.999999Z");
        MrrSettings settings = MrrSettings.defaults();
        SourceResult source = SourceStage.run(SparkTest.spark(), landing.toString(), InputFormat.JSON, asOf,
                new CustomerSettings(CustomerSettings.AutoMerge.EXTERNAL_ID));
        CalculatedResult result = MrrEngine.calculate(SparkTest.spark(), source.datasets(), settings, asOf);

        long movements = result.get(OutputDataset.CALCULATED_MRR_MOVEMENTS).count();
        assertTrue(movements > 10_000, "generated data makes movements: " + movements);
        assertTrue(result.get(OutputDataset.CALCULATED_MRR_MOVEMENTS)
                .select("INVOICE_CURRENCY").distinct().count() >= 4, "all four invoice currencies move MRR");

        List<String> violations = MrrInvariants.check(result, settings, asOf);
        assertEquals(List.of(), violations);
    }
}
