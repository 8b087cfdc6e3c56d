package io.lockscope.spark;

import io.lockscope.cli.Main;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code lockscope batch} over the test cases: the summary the Spark job must equal row for row. */
final class BatchBaseline {
    /** The columns compared: all of summary.csv but the time and the report link. */
    static final List<String> COMPARED = List.of("case", "id", "status", "verdict", "confidence", "culprit",
            "vendor", "driver", "failing_inf", "hresult", "inputs", "warnings");

    private BatchBaseline() {
    }

    /** Runs {@code lockscope batch --jobs 2} in-process and returns its summary.csv rows. */
    static List<CSVRecord> run(List<Path> inputs, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("batch", "-o", out.toString(), "--jobs", "2",
                "--format-per-case", "json", "-q"));
        inputs.forEach(p -> args.add(p.toString()));
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, exit, "the broken zip makes batch's exit code 1: " + err);
        return csv(out.resolve("summary.csv"));
    }

    /** The Spark job's summary.csv in {@code sparkOut} has batch's rows, in the same order. */
    static void assertSameRows(List<CSVRecord> batchRows, Path sparkOut) throws IOException {
        List<CSVRecord> sparkRows = csv(sparkOut.resolve("summary.csv"));
        assertEquals(batchRows.size(), sparkRows.size());
        for (int i = 0; i < batchRows.size(); i++) {
            for (String column : COMPARED) {
                assertEquals(batchRows.get(i).get(column), sparkRows.get(i).get(column),
                        column + " of " + batchRows.get(i).get("case"));
            }
        }
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            return csv.getRecords();
        }
    }
}
