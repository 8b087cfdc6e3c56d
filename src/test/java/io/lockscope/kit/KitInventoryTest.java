package io.lockscope.kit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitInventoryTest {
    @Test
    void aCaseWithoutTheKitsManifestHasNoInventory() {
        assertNull(KitInventory.of(List.of("case/boot.etl", "case/CBS.log")));
    }

    @Test
    void laterPartsOfASplitProcmonLogAndFilesInTheCbsFolderCount() {
        KitInventory kit = KitInventory.of(List.of("u.zip!/kit.txt", "u.zip!/procmon-boot-1.pml", "u.zip!/CBS/CBS.log",
                "u.zip!\\fltmc-filters.txt"));
        assertEquals(List.of("procmon-boot.pml", "CBS/", "fltmc-filters.txt"), kit.present());
        assertEquals(List.of("boot.etl", "setupapi.dev.log", "fltmc-instances.txt", "sc-qc-filters.txt",
                "dism-drivers.txt"), kit.missing());
    }

    @Test
    void withNeitherTraceTheNotesSayTheVerdictRestsOnTheLogsOnce() {
        List<String> notes = KitInventory.of(List.of("u/kit.txt", "u/CBS/CBS.log")).notes("en");
        assertEquals(1, notes.stream().filter(n -> n.contains("nothing shows the failing restart")).count(), notes::toString);
        assertTrue(notes.get(0).startsWith("Capture kit upload: present CBS/."), notes.get(0));
    }
}
