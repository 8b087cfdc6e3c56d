package io.lockscope.ingest.procmon;

import io.lockscope.export.ProcmonLocale;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports from localized Windows: the AM/PM designator before or after the time, dotted designators,
 * the 24-hour forms and each locale's date. Every row of a generated export is read, at the same
 * instants as the en-US export of the same case.
 */
class LocalizedTimesTest {
    private static final long SECOND = ExportClock.TICKS_PER_SECOND;
    private static final ReadOptions EAST_8 = new ReadOptions(ZoneOffset.ofHours(8));

    @TempDir
    static Path dir;
    private static Trace english;

    private static Path generate(ProcmonLocale locale) throws Exception {
        Path out = dir.resolve(locale.tag());
        CaseGenerator.generate(Scenario.LOCK_HOLDER, out, GenerateOptions.defaults().withEvents(3_000)
                .withLocale(locale).withFormats(CaseFormats.parse("csv,xml")));
        return out;
    }

    @BeforeAll
    static void readTheEnglishExport() throws Exception {
        english = Formats.readTrace(generate(ProcmonLocale.EN_US).resolve("boot_log.csv"), "en-US", EAST_8);
        assertEquals(0, english.report().skippedTotal());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"zh-CN, 上午 ", "ja-JP, 午前 ", "ko-KR, 오전 ", "en-CA, ' a.m.'", "de-DE, ':'", "ru-RU, ':'"})
    void everyRowIsReadAtTheSameInstantAsInEnglish(String tag, String designator) throws Exception {
        Path folder = generate(ProcmonLocale.forTag(tag));
        for (String file : new String[] {"boot_log.csv", "boot_log.xml"}) {
            Path export = folder.resolve(file);
            String text = Files.readString(export);
            assertTrue(text.contains(designator), tag + " " + file + " is written with '" + designator + "'");
            Trace t = Formats.readTrace(export, tag, EAST_8);
            assertEquals(0, t.report().skippedTotal(), tag + " " + file + ": " + t.report().skippedByReason());
            assertEquals(english.size(), t.size());
            for (int i = 0; i < t.size(); i++) {
                assertEquals(english.events().time(i), t.events().time(i), tag + " " + file + " event " + i);
            }
        }
    }

    private static long clock(String s) {
        return ExportClock.parseClock(s.toCharArray(), 0, s.length(), true);
    }

    @Test
    void designatorsBeforeOrAfterTheTime() {
        long earlyMorning = ((1 * 60 + 18) * 60 + 10) * SECOND + 8_939_738;
        long afternoon = earlyMorning + 12 * 3600 * SECOND;
        for (String am : new String[] {"上午 1:18:10.8939738", "上午1:18:10.8939738", "午前 1:18:10.8939738",
                "오전 1:18:10.8939738", "1:18:10.8939738 AM", "1:18:10.8939738 am", "1:18:10.8939738 a.m.",
                "1:18:10,8939738 a. m.", "01:18:10.8939738 AM", "1:18:10.8939738"}) {
            assertEquals(earlyMorning, clock(am), am);
        }
        for (String pm : new String[] {"下午 1:18:10.8939738", "午後 1:18:10.8939738", "오후 01:18:10.8939738",
                "1:18:10.8939738 PM", "1:18:10.8939738 p.m.", "1:18:10,8939738 p. m.", "13:18:10.8939738"}) {
            assertEquals(afternoon, clock(pm), pm);
        }
        assertEquals(30 * SECOND, clock("上午 12:00:30"), "12 before noon is midnight");
        for (String bad : new String[] {"上午 13:00:00", "上午 1:00:00 PM", "中午 1:00:00", "1:00:00 上午 x", "am 1:00:00.0 am"}) {
            assertEquals(ExportClock.INVALID, clock(bad), bad);
        }
    }

    @Test
    void theDecimalSeparatorIsTheOneAfterTheSeconds() {
        for (String[] c : new String[][] {{"1:18:10,8939738 p. m.", ","}, {"1:18:10.8939738 a.m.", "."},
                {"上午 1:18:10.8939738", "."}, {"15:42:22,8459553", ","}, {"0,0000691", ","}, {"1:18:10 PM", "\0"}}) {
            assertEquals(c[1].charAt(0), ExportClock.decimalSeparator(c[0].toCharArray(), 0, c[0].length()), c[0]);
        }
    }
}
