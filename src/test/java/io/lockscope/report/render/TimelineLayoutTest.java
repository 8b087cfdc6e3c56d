package io.lockscope.report.render;

import io.lockscope.report.model.Picture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineLayoutTest {
    private static final Labels EN = Labels.forLanguage("en");

    @Test
    void ticksAreRoundSteps() {
        assertEquals(1.0, TimelineLayout.tickStep(10), 1e-12);
        assertEquals(0.5, TimelineLayout.tickStep(4), 1e-12);
        assertEquals(5.0, TimelineLayout.tickStep(25), 1e-12);
        assertEquals(0.01, TimelineLayout.tickStep(0.1), 1e-12);
        assertEquals(200.0, TimelineLayout.tickStep(1900), 1e-12);
    }

    @Test
    void fixturePictureIsLaidOutInTheTablesAbsoluteTimes() {
        TimelineLayout layout = new TimelineLayout(ReportFixtures.lockHolder().picture(), EN);
        assertEquals(3, layout.getLanes().size());
        assertEquals(2, layout.getMarks().size());
        // the capture starts at 10:47:02.1 UTC: 38 s later is 10:47:40.1
        assertEquals(List.of("10:47:40.1", "10:47:40.6", "10:47:41.1", "10:47:41.6", "10:47:42.1", "10:47:42.6",
                        "10:47:43.1", "10:47:43.6", "10:47:44.1"),
                layout.getTicks().stream().map(TimelineLayout.Tick::label).collect(Collectors.toList()));
        assertEquals("time of day (UTC)", layout.getAxisTitle());
        assertEquals(String.valueOf(layout.getPlotLeft()) + ".0", layout.getTicks().get(0).x());
        assertEquals(String.valueOf(layout.getPlotRight()) + ".0", layout.getTicks().get(8).x());
        TimelineLayout.Lane culprit = layout.getLanes().get(1);
        assertEquals("culprit", culprit.role());
        assertTrue(culprit.bars().get(0).openAtEnd());
        assertTrue(culprit.bars().get(0).tooltip().endsWith("open at end of capture"), culprit.bars().get(0).tooltip());
        assertFalse(layout.getLanes().get(2).bars().get(0).openAtEnd());
    }

    @Test
    void barsBeyondTheAxisStopAtItsEdgeAndLongLabelsAreCut() {
        String longName = "a-process-with-a-very-long-name-indeed.exe (1234)";
        Picture picture = new Picture(0, 10, List.of(new Picture.Lane(longName, "unknown-role",
                List.of(new Picture.Bar(5, 20, false, "handle", "x")))), List.of(), null, null);
        TimelineLayout layout = new TimelineLayout(picture, EN);
        TimelineLayout.Bar bar = layout.getLanes().get(0).bars().get(0);
        double end = Double.parseDouble(bar.x()) + Double.parseDouble(bar.width());
        assertEquals(layout.getPlotRight(), end, 0.11);
        assertEquals("other", layout.getLanes().get(0).role(), "an unknown role is drawn as other");
        assertEquals(longName, layout.getLanes().get(0).fullLabel());
        assertTrue(layout.getLanes().get(0).label().endsWith("…"));
    }

    @Test
    void withoutAnOriginTheAxisIsInSecondsAndLocalTimesSayTheirOffset() {
        Picture seconds = new Picture(0, 2, List.of(), List.of(), null, null);
        TimelineLayout layout = new TimelineLayout(seconds, EN);
        assertEquals("seconds from capture start", layout.getAxisTitle());
        assertEquals("0.0", layout.getTicks().get(0).label());
        Picture local = new Picture(0, 2, List.of(), List.of(), "2022-08-10T09:17:40.5212124+08:00", "local+08:00");
        assertEquals("time of day (local time (UTC+08:00))", new TimelineLayout(local, EN).getAxisTitle());
        assertEquals(java.time.LocalTime.of(9, 17, 40, 521_212_400),
                TimelineLayout.timeOfDay("2022-08-10T09:17:40.5212124+08:00"));
        assertEquals(java.time.LocalTime.of(9, 17, 40, 521_212_400), TimelineLayout.timeOfDay("09:17:40.5212124"));
    }

    @Test
    void aMarkInAMissingLaneIsAnError() {
        Picture picture = new Picture(0, 1, List.of(), List.of(new Picture.Mark(0.5, 0, "failure")), null, null);
        assertThrows(IllegalArgumentException.class, () -> new TimelineLayout(picture, EN));
    }
}
