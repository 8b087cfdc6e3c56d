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
    void fixturePictureIsLaidOutOnASecondsAxis() {
        TimelineLayout layout = new TimelineLayout(ReportFixtures.lockHolder().picture(), EN);
        assertEquals(3, layout.getLanes().size());
        assertEquals(2, layout.getMarks().size());
        assertEquals(List.of("38.0", "38.5", "39.0", "39.5", "40.0", "40.5", "41.0", "41.5", "42.0"),
                layout.getTicks().stream().map(TimelineLayout.Tick::label).collect(Collectors.toList()));
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
                List.of(new Picture.Bar(5, 20, false, "handle", "x")))), List.of());
        TimelineLayout layout = new TimelineLayout(picture, EN);
        TimelineLayout.Bar bar = layout.getLanes().get(0).bars().get(0);
        double end = Double.parseDouble(bar.x()) + Double.parseDouble(bar.width());
        assertEquals(layout.getPlotRight(), end, 0.11);
        assertEquals("other", layout.getLanes().get(0).role(), "an unknown role is drawn as other");
        assertEquals(longName, layout.getLanes().get(0).fullLabel());
        assertTrue(layout.getLanes().get(0).label().endsWith("…"));
    }

    @Test
    void aMarkInAMissingLaneIsAnError() {
        Picture picture = new Picture(0, 1, List.of(), List.of(new Picture.Mark(0.5, 0, "failure")));
        assertThrows(IllegalArgumentException.class, () -> new TimelineLayout(picture, EN));
    }
}
