package io.lockscope.model.detail;

import io.lockscope.model.PoolIds;
import io.lockscope.model.StringPool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetailCodecTest {

    @Test
    void fileInformationDetailsSurviveThePackedColumns() {
        StringPool strings = new StringPool();
        DetailCodec codec = new DetailCodec(strings, DetailCodec.newRichList());
        List<Detail> details = List.of(
                new FileMappingDetail(1, 0x220),
                new FileMappingDetail(0, -1),
                new FileTimesDetail("1/1/1601 12:00:00 AM", "7/10/2020 6:53:37 PM", "12/13/2017 11:46:24 AM",
                        "7/11/2020 3:51:59 PM", 0x2020),
                new StandardInfoDetail(249_856, 1L << 40, 2, true, false),
                new StandardInfoDetail(0, 0, 1, false, true),
                new NetworkOpenDetail("7/11/2020 3:46:54 PM", "7/12/2020 1:17:38 AM", "", "7/12/2020 1:17:38 AM",
                        5_000_000_000L, 4_999_999_999L, 0x2020));
        int[] kinds = {DetailCodec.MAPPING, DetailCodec.MAPPING, DetailCodec.FILE_TIMES, DetailCodec.STANDARD_INFO,
                DetailCodec.STANDARD_INFO, DetailCodec.NETWORK_OPEN};
        DetailCodec.Packed packed = new DetailCodec.Packed();
        for (int i = 0; i < details.size(); i++) {
            codec.pack(details.get(i), packed);
            assertEquals(kinds[i], packed.kind);
            assertEquals(details.get(i), codec.unpack(packed.kind, packed.a, packed.b, packed.c, packed.d));
        }
    }

    /** What {@link io.lockscope.ingest.procmon.pml.PmlReader}'s other threads do: pack with a pool of their own, then map. */
    @Test
    void aDetailPackedWithAnotherPoolIsTheSameDetailOnceItsTextsAreMapped() {
        StringPool theirs = new StringPool();
        StringPool ours = new StringPool();
        ours.intern("a text only this pool has: an id not mapped names it instead");
        DetailCodec packer = new DetailCodec(theirs, List.of());
        DetailCodec store = new DetailCodec(ours, DetailCodec.newRichList());
        PoolIds ids = new PoolIds(theirs, ours);
        List<Detail> details = List.of(
                new Detail.Text("Filter: FILE_NOTIFY_CHANGE_FILE_NAME"),
                new CreateFileDetail(0x120089, 1, 0x60, 0, 5, -1, -1, "CONTOSO\\svc-update"),
                new CreateFileDetail(0x80, 1, 0x60, 0, 7, 4096, 2, null),
                new RenameDetail(true, "C:\\Windows\\System32\\drivers\\acme.sys.old"),
                new RegValueDetail(3, "ImagePath", 2, 48, "\\SystemRoot\\System32\\drivers\\acme.sys"),
                new RegValueDetail(-1, null, 4, 4, "1"),
                new FileTimesDetail("1/1/1601 12:00:00 AM", "7/10/2020 6:53:37 PM", "", "7/11/2020 3:51:59 PM", 0x20),
                new NetworkOpenDetail("7/11/2020 3:46:54 PM", "", "", "7/12/2020 1:17:38 AM", 8192, 100, 0x20),
                new IoDetail(4096, 512, -1, -1));
        DetailCodec.Packed packed = new DetailCodec.Packed();
        for (Detail detail : details) {
            packer.pack(detail, packed);
            DetailCodec.mapTexts(packed, ids);
            assertEquals(detail, store.unpack(packed.kind, packed.a, packed.b, packed.c, packed.d));
        }
    }

    @Test
    void aRichDetailIsAnObjectOfTheStoreAndHasNoTextsToMap() {
        Detail directory = new DirectoryDetail("*.sys", List.of("acme.sys"), 1);
        assertTrue(DetailCodec.rich(directory));
        DetailCodec codec = new DetailCodec(new StringPool(), DetailCodec.newRichList());
        DetailCodec.Packed packed = new DetailCodec.Packed();
        codec.pack(directory, packed);
        assertEquals(DetailCodec.RICH, packed.kind);
        assertThrows(IllegalArgumentException.class, () -> DetailCodec.mapTexts(packed, id -> id));
    }
}
