package io.lockscope.ingest.etw.kernel;

import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.generate.etw.EtlPayload;
import io.lockscope.model.ReadReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layout variants the corpus does not hold, written from the layout tables of etw-formats.md §2. */
class KernelDecoderSyntheticTest {
    @TempDir
    Path tmp;

    private List<Object> decodeAll(SyntheticEtl etl) throws Exception {
        List<Object> out = new ArrayList<>();
        try (EtlReader reader = EtlReader.open(etl.write(tmp.resolve("k.etl")), "k.etl", new ReadReport())) {
            reader.read(r -> {
                if (r.group() == 0 && r.type() == 0) {
                    return; // the logfile header
                }
                try {
                    out.add(KernelDecoder.decode(r));
                } catch (TraceRecord.PayloadTooShortException e) {
                    out.add(e);
                }
            });
        }
        return out;
    }

    @Test
    void aCreatesOpenPathHasTheTextIdOfItsTextWhileItIsTheLastTextRead() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(1);
        String[] paths = {"\\Device\\HarddiskVolume1\\a.txt", "\\Device\\HarddiskVolume1\\b.txt",
                "\\Device\\HarddiskVolume1\\a.txt"};
        for (int i = 0; i < paths.length; i++) {
            etl.perfinfo(0, 0x04, 64, 2, 10 + i, new EtlPayload().ptr(0x11 + i).ptr(77).ptr(0x22 + i).u32(0x01000060)
                    .u32(0x80).u32(3).utf16z(paths[i]));
        }
        List<Integer> ids = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        try (EtlReader reader = EtlReader.open(etl.write(tmp.resolve("k.etl")), "k.etl", new ReadReport())) {
            reader.read(r -> {
                if (KernelDecoder.decode(r) instanceof KernelEvent.FileCreate c) {
                    ids.add(r.textId(c.openPath()));
                    // an equal String that is not the pool's, or a text read before the last, has none
                    assertEquals(-1, r.textId(new String(c.openPath())));
                    if (!opened.isEmpty() && opened.get(opened.size() - 1) != c.openPath()) {
                        assertEquals(-1, r.textId(opened.get(opened.size() - 1)));
                    }
                    opened.add(c.openPath());
                }
            });
        }
        assertEquals(List.of(paths[0], paths[1], paths[2]), opened);
        assertEquals(3, ids.size());
        assertTrue(ids.get(0) >= 0 && ids.get(1) >= 0, ids.toString());
        assertTrue(!ids.get(0).equals(ids.get(1)), "two texts, two ids: " + ids);
        assertEquals(ids.get(0), ids.get(2), "the same text, the same id");
    }

    @Test
    void fileIoVersion2PutsTtidAsAPointerBeforeTheFileObject() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(1)
                .perfinfo(0, 0x04, 64, 2, 10, new EtlPayload().ptr(0x11).ptr(77).ptr(0x22).u32(0x01000060).u32(0x80).u32(3)
                        .utf16z("\\Device\\HarddiskVolume1\\a.txt"))
                .perfinfo(0, 0x04, 67, 2, 11, new EtlPayload().u64(4096).ptr(0x12).ptr(78).ptr(0x22).ptr(0x33).u32(512).u32(0x60900))
                .perfinfo(0, 0x04, 69, 2, 12, new EtlPayload().ptr(0x13).ptr(79).ptr(0x22).ptr(0x33).ptr(1).u32(13))
                .perfinfo(0, 0x04, 72, 2, 13, new EtlPayload().ptr(0x14).ptr(80).ptr(0x22).ptr(0x33).u32(1024).u32(37).u32(0)
                        .utf16z("*.inf"));
        List<Object> got = decodeAll(etl);
        assertEquals(new KernelEvent.FileCreate(0x11, 0x22, 77, 0x01000060, 0x80, 3, "\\Device\\HarddiskVolume1\\a.txt"),
                got.get(0));
        assertEquals(1, ((KernelEvent.FileCreate) got.get(0)).disposition());
        assertEquals(new KernelEvent.FileRequest(67, 0x12, 0x22, 0x33, 78, 0, -1, 4096, 512, 0x60900, ""), got.get(1));
        assertEquals(new KernelEvent.FileRequest(69, 0x13, 0x22, 0x33, 79, 1, 13, -1, -1, -1, ""), got.get(2));
        assertEquals(new KernelEvent.FileRequest(72, 0x14, 0x22, 0x33, 80, 0, 37, -1, 1024, 0, "*.inf"), got.get(3));
    }

    @Test
    void fileIoVersion3PathOperationAndReadWrite() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(1)
                .perfinfo(0, 0x04, 80, 3, 10, new EtlPayload().ptr(0x11).ptr(0x22).ptr(0x33).ptr(0x44).u32(9).u32(65)
                        .utf16z("\\Device\\HarddiskVolume1\\new.dll"))
                .perfinfo(0, 0x04, 68, 3, 11, new EtlPayload().u64(8192).ptr(0x12).ptr(0x22).ptr(0x33).u32(9).u32(100).u32(0x40));
        List<Object> got = decodeAll(etl);
        assertEquals(new KernelEvent.FileRequest(80, 0x11, 0x22, 0x33, 9, 0x44, 65, -1, -1, -1,
                "\\Device\\HarddiskVolume1\\new.dll"), got.get(0));
        assertEquals(new KernelEvent.FileRequest(68, 0x12, 0x22, 0x33, 9, 0, -1, 8192, 100, 0x40, ""), got.get(1));
    }

    @Test
    void fltIoStatusPresenceComesFromThePayloadLength() throws Exception {
        EtlPayload fields = new EtlPayload().ptr(0xF1).ptr(0xF0).ptr(0xC0).ptr(0x1F).ptr(0xCB).u32(0xFFFFFFFD);
        SyntheticEtl etl = new SyntheticEtl(1)
                .perfinfo(0, 0x04, 96, 3, 10, fields)
                .perfinfo(0, 0x04, 99, 3, 11, new EtlPayload().u64(10).ptr(0xF1).ptr(0xF0).ptr(0xC0).ptr(0x1F).ptr(0xCB).u32(3)
                        .u32(0xC0000022))
                .perfinfo(0, 0x04, 100, 3, 12, new EtlPayload().ptr(0xF1).ptr(0xF0).ptr(0xC0).ptr(0x1F).ptr(0xCB).u32(0)
                        .u32(0xC0000043));
        List<Object> got = decodeAll(etl);
        assertEquals(new KernelEvent.FltIo(96, 0, 0xF1, 0xF0, 0xC0, 0x1F, 0xCB, -3, false, 0), got.get(0));
        assertEquals(new KernelEvent.FltIo(99, 10, 0xF1, 0xF0, 0xC0, 0x1F, 0xCB, 3, true, 0xC0000022), got.get(1));
        assertEquals(new KernelEvent.FltIo(100, 0, 0xF1, 0xF0, 0xC0, 0x1F, 0xCB, 0, true, 0xC0000043), got.get(2));
    }

    @Test
    void mapFileViewsInBothPointerSizes() throws Exception {
        SyntheticEtl etl64 = new SyntheticEtl(1)
                .perfinfo(0, 0x04, 37, 3, 10, new EtlPayload().ptr(0x1F0A5C00000L).ptr(0xC0FE).u64(0x10000).ptr(0x30000)
                        .u32(1880))
                .perfinfo(0, 0x04, 38, 3, 11, new EtlPayload().ptr(0x1F0A5C00000L).ptr(0xC0FE).u64(0).ptr(0x30000).u32(1880));
        List<Object> got = decodeAll(etl64);
        assertEquals(new KernelEvent.MapFile(37, 0x1F0A5C00000L, 0xC0FE, 0x10000, 0x30000, 1880), got.get(0));
        assertEquals(new KernelEvent.MapFile(38, 0x1F0A5C00000L, 0xC0FE, 0, 0x30000, 1880), got.get(1));

        SyntheticEtl etl32 = new SyntheticEtl(1, 4)
                .perfinfo(0, 0x04, 39, 3, 10, new EtlPayload(4).ptr(0x7FF0000).ptr(0xC0FE).u64(0x2000).ptr(0x5000)
                        .u32(2240));
        assertEquals(List.of(new KernelEvent.MapFile(39, 0x7FF0000, 0xC0FE, 0x2000, 0x5000, 2240)), decodeAll(etl32));
    }

    @Test
    void registryAndObjectManagerLayouts() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(1)
                .system(0, 0x09, 25, 2, 4, 8, 10, new EtlPayload().u64(0).u32(0).u32(0).ptr(0xAB00)
                        .utf16z("\\REGISTRY\\MACHINE\\SOFTWARE\\Vendor"))
                .system(0, 0x09, 11, 2, 4, 8, 11, new EtlPayload().u64(5).u32(0xC0000034).u32(2).ptr(0xAB00).utf16z("Sub"))
                .system(0, 0x11, 34, 2, 4, 8, 12, new EtlPayload().ptr(0x0B0).u32(0x10).u32(0x20).u32(700).u16(37).u32(600))
                .perfinfo(0, 0x11, 39, 2, 13, new EtlPayload().ptr(0x0B1).u32(1880).u32(0x1A4).u16(37).utf16z("\\Device\\X"))
                .perfinfo(0, 0x11, 37, 2, 14, new EtlPayload().u16(37).u16(0).utf16z("File"));
        List<Object> got = decodeAll(etl);
        assertEquals(new KernelEvent.Registry(25, 0, 0, 0, 0xAB00, "\\REGISTRY\\MACHINE\\SOFTWARE\\Vendor"), got.get(0));
        assertEquals(new KernelEvent.Registry(11, 5, 0xC0000034, 2, 0xAB00, "Sub"), got.get(1));
        assertEquals(new KernelEvent.DuplicateHandle(0x0B0, 0x10, 0x20, 700, 37, 600), got.get(2));
        assertEquals(new KernelEvent.Handle(39, 0x0B1, 0x1A4, 37, "\\Device\\X", 1880), got.get(3));
        assertEquals(new KernelEvent.ObjectType(37, "File"), got.get(4));
    }

    @Test
    void shortPayloadIsReportedNotReadPastAndUnknownOpcodesAreNotDecoded() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(1)
                .perfinfo(0, 0x04, 64, 3, 10, new EtlPayload().ptr(0x11).u32(1))
                .perfinfo(0, 0x04, 90, 3, 11, new EtlPayload().u32(1))
                .perfinfo(0, 0x03, 3, 4, 12, new EtlPayload().ptr(1).u32(5).u32(0).u32(0).u32(0).ptr(0).u32(0)
                        .u32(1).u32(0).u32(0)); // a non-null SID claiming more bytes than the payload has
        List<Object> got = decodeAll(etl);
        assertTrue(got.get(0) instanceof TraceRecord.PayloadTooShortException, String.valueOf(got.get(0)));
        assertNull(got.get(1));
        assertTrue(got.get(2) instanceof TraceRecord.PayloadTooShortException, String.valueOf(got.get(2)));
        assertEquals("payload of 12 bytes has no 8-byte field at offset 8", ((Exception) got.get(0)).getMessage());
    }
}
