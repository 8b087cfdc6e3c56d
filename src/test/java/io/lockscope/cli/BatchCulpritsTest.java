package io.lockscope.cli;

import io.lockscope.batch.CaseSummary;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A case with two blockers keeps both through a batch: summary.csv names both culprits and their vendors,
 * and the culprit chart of index.html counts each (fixing one alone leaves the update failing).
 */
class BatchCulpritsTest {
    @TempDir
    Path dir;

    @Test
    void bothHoldersOfACaseReachSummaryCsvAndTheCulpritChart() throws Exception {
        Path folder = dir.resolve("two-holders");
        CaseGenerator.generate(Scenario.TWO_HOLDERS, folder, GenerateOptions.defaults().withSeed(3)
                .withEvents(Math.max(1_500, CaseGenerator.minimumEvents(Scenario.TWO_HOLDERS, 3)))
                .withFormats(CaseFormats.parse("csv,logs")));
        Path out = dir.resolve("out");
        CliRunner run = CliRunner.run("batch", "-o", out.toString(), folder.toString());
        assertEquals(Main.OK, run.exitCode(), run.err());

        try (Reader r = Files.newBufferedReader(out.resolve("summary.csv"), StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            CSVRecord row = csv.getRecords().get(0);
            assertEquals(List.of("ntrtscan.exe", "WmiPrvSE.exe"),
                    List.of(row.get("culprit").split(CaseSummary.CULPRIT_SEPARATOR)));
            assertEquals("Trend Micro; Microsoft", row.get("vendor"));
        }
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains(">ntrtscan.exe</text>") && html.contains(">WmiPrvSE.exe</text>"),
                "each culprit is a bar of the culprit chart");
    }
}
