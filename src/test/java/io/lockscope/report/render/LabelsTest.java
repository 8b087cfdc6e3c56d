package io.lockscope.report.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelsTest {

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertEquals(Labels.forLanguage("en").asMap().keySet(), Labels.forLanguage("zh-CN").asMap().keySet());
    }

    @Test
    void codesAreNamedAndUnknownCodesShownAsTheyAre() {
        Labels zh = Labels.forLanguage("zh-CN");
        assertEquals("文件被占用", zh.code("kind", "lock-holder"));
        assertEquals("some-new-kind", zh.code("kind", "some-new-kind"));
        assertEquals("access Delete, share Read", Labels.forLanguage("en").format("requestedAccess", "Delete", "Read"));
        assertEquals("0:1, 2:30", Labels.evidence(List.of(new io.lockscope.report.model.Report.Evidence(0, 1),
                new io.lockscope.report.model.Report.Evidence(2, 30))));
    }

    @Test
    void unknownLanguageAndMissingLabelAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> Labels.forLanguage("fr"));
        assertThrows(IllegalArgumentException.class, () -> Labels.forLanguage("en").get("no-such-label"));
    }
}
