package io.lockscope.ingest.etw;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.ReadReport;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A 32-bit trace (SYSTEM32/PERFINFO32/FULL_HEADER32 records, 4-byte pointers) through the whole reader. */
class ThirtyTwoBitTraceTest {
    @TempDir
    Path tmp;

    @Test
    void pointerSizeFourLayoutsDecodeIntoTheModel() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(1, 4);
        long t0 = SyntheticEtl.HEADER_RAW;
        etl.volumeMapping(0, t0, "\\Device\\HarddiskVolume1\\", "C:\\")
                // Process DCStart v4 with a SYSTEM SID: 32-bit TOKEN_USER (2 x 4 bytes) + S-1-5-18 (12 bytes)
                .perfinfo(0, 0x03, 3, 4, t0 + 1, etl.payload().ptr(0x8A000000L).u32(888).u32(4).u32(0).u32(259)
                        .ptr(0x7F000).u32(0).u32(0x00AB0000).u32(0).u8(1).u8(1).zeros(5).u8(5).u32(18)
                        .ansiz("svchost.exe").utf16z("svchost.exe -k netsvcs").utf16z("").utf16z(""))
                .system(0, 0x05, 3, 3, 888, 999, t0 + 2, etl.payload().u32(888).u32(999).ptr(1).ptr(2).ptr(3).ptr(4)
                        .ptr(0xFF).ptr(6).ptr(7).u32(0).u8(8).u8(5).u8(2).u8(0))
                .system(0, 0x03, 10, 3, 888, 999, t0 + 3, etl.payload().ptr(0x10000000L).ptr(0x8000).u32(888).u32(0)
                        .u32(0).u32(0).ptr(0x10000000L).u32(0).u32(0).u32(0).u32(0)
                        .utf16z("\\Device\\HarddiskVolume1\\Windows\\System32\\svchost.exe"))
                .perfinfo(0, 0x04, 64, 3, t0 + 10, etl.payload().ptr(0x81000010L).ptr(0x82000020L).u32(999)
                        .u32(0x03000040).u32(0x20).u32(3).utf16z("\\Device\\HarddiskVolume1\\Windows\\INF\\oposdrv.inf"))
                .perfinfo(0, 0x04, 76, 3, t0 + 14, etl.payload().ptr(0x81000010L).ptr(2).u32(0));
        Path file = etl.write(tmp.resolve("x86.etl"));
        try (EtlReader reader = EtlReader.open(file, "x86.etl", new ReadReport())) {
            assertEquals(4, reader.header().pointerSize());
        }
        Trace trace = new EtlTraceReader().read(file, "x86.etl", ReadOptions.DEFAULT);
        assertEquals(0, trace.report().skippedTotal(), trace.report().warnings().toString());
        EventStore e = trace.events();
        int create = -1;
        for (int i = 0; i < trace.size(); i++) {
            if (e.operation(i) == Operation.CREATE_FILE) {
                create = i;
            }
        }
        ProcessInfo svchost = trace.process(create);
        assertEquals(888, svchost.pid());
        assertEquals("svchost.exe", svchost.name());
        assertEquals("svchost.exe -k netsvcs", svchost.commandLine());
        assertEquals("C:\\Windows\\System32\\svchost.exe", svchost.imagePath());
        assertEquals(0x8000, svchost.moduleAt(0x10000100L).size());
        assertEquals(999, e.tid(create));
        assertEquals("C:\\Windows\\INF\\oposdrv.inf", e.path(create));
        assertEquals(0x82000020L, e.objectId(create));
        assertEquals(4, e.duration(create));
        CreateFileDetail d = assertInstanceOf(CreateFileDetail.class, e.detail(create));
        assertEquals(3, d.disposition(), "FILE_OPEN_IF in the top byte of CreateOptions");
        assertEquals(0x40, d.options());
        assertEquals(3, d.shareMode());
        assertEquals(2, d.openResult(), "FILE_CREATED");
    }
}
