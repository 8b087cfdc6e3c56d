package io.lockscope.ingest.etw.kernel;

import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.testing.EtwCorpus;
import io.lockscope.ingest.etw.testing.TraceEventBaseline;
import io.lockscope.model.ReadReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.lockscope.ingest.etw.testing.TraceEventBaseline.cut;
import static io.lockscope.ingest.etw.testing.TraceEventBaseline.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes PerfView's net.4.5.2.x64.etl and compares with TraceEvent's baseline of the same file:
 * counts per event name, and field values of Process, Thread, Image and (through DiskIO's FileName,
 * which TraceEvent resolves from FileIO Name/FileRundown events) the FileIO name map.
 */
class KernelDecoderBaselineTest {
    @TempDir
    static Path tmp;

    private static TraceEventBaseline baseline;
    private static final Map<String, Long> counts = new TreeMap<>();
    private static final List<Decoded> decoded = new ArrayList<>();
    private static final VolumeMap volumes = new VolumeMap();
    private static final Map<Long, String> fileKeyNames = new HashMap<>();

    private record Decoded(String name, int headerPid, KernelEvent event) {
    }

    @BeforeAll
    static void decodeCorpusTrace() throws Exception {
        Path etl = EtwCorpus.unzipEtl("perfview/net.4.5.2.x64.etl.zip", tmp);
        baseline = new TraceEventBaseline(EtwCorpus.file("perfview/net.4.5.2.x64.baseline.txt"));
        try (EtlReader reader = EtlReader.open(etl, "net.etl", new ReadReport())) {
            reader.read(r -> {
                EventNames.Name name = EventNames.of(r);
                if (name == null) {
                    return;
                }
                counts.merge(name.full(), 1L, Long::sum);
                KernelEvent e = KernelDecoder.decode(r);
                if (e instanceof KernelEvent.VolumeMapping v) {
                    volumes.add(v.ntPath(), v.dosPath());
                } else if (e instanceof KernelEvent.FileName f) {
                    fileKeyNames.put(f.fileKey(), f.fileName());
                }
                if (e != null) {
                    decoded.add(new Decoded(name.full(), r.pid(), e));
                }
            });
        }
    }

    private static String hex(long v) {
        return (v & 0xFFFFFFFF00000000L) == 0 ? String.format("0x%08x", v) : "0x" + Long.toHexString(v);
    }

    private static String signed(int v) {
        return number(v);
    }

    @Test
    void countsPerEventEqualTheBaselineForEveryDecodedKernelTask() {
        // TraceEvent's baseline comes from a TraceLog (ETLX) that absorbs some kernel events into its own
        // tables: Thread/DCStart|DCStop, FileIO/*, StackWalk/* and most PerfInfo/Sample never appear in it.
        List<String> tasks = List.of("Windows Kernel/EventTrace", "Windows Kernel/Process/", "Windows Kernel/Image/",
                "Windows Kernel/Thread/Start", "Windows Kernel/Thread/Stop", "Windows Kernel/DiskIO/",
                "Windows Kernel/SysConfig/", "Windows Kernel/PerfInfo/Collection", "Windows Kernel/SystemConfig/",
                "Windows Kernel/Memory/", "Windows Kernel/TcpIp/", "Windows Kernel/UdpIp/",
                "KernelTraceControl/ImageID", "KernelTraceControl/MetaData");
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, Long> actual = new LinkedHashMap<>();
        baseline.counts().forEach((k, v) -> {
            if (tasks.stream().anyMatch(k::startsWith)) {
                expected.put(k, v);
            }
        });
        counts.forEach((k, v) -> {
            if (tasks.stream().anyMatch(k::startsWith) && !k.contains("Opcode(") || expected.containsKey(k)) {
                actual.put(k, v);
            }
        });
        // TraceEvent shows SystemConfig opcodes it has no class for under MSNT_SystemTrace (filtered out)
        actual.keySet().removeIf(k -> !expected.containsKey(k) && k.startsWith("Windows Kernel/SystemConfig/Platform"));
        assertTrue(expected.size() >= 40, "baseline kernel names: " + expected.size());
        assertEquals(new TreeMap<>(expected), new TreeMap<>(actual));
    }

    private static List<Decoded> ours(String name) {
        return decoded.stream().filter(d -> d.name.equals(name)).toList();
    }

    @Test
    void processFieldsEqualTheBaseline() {
        int compared = 0;
        for (String name : List.of("Process/DCStart", "Process/DCStop", "Process/Start", "Process/Stop", "Process/Defunct")) {
            for (TraceEventBaseline.Event want : baseline.events("Windows Kernel/" + name)) {
                KernelEvent.Process got = ours("Windows Kernel/" + name).stream()
                        .map(d -> (KernelEvent.Process) d.event)
                        .filter(p -> hex(p.uniqueProcessKey()).equals(want.get("UniqueProcessKey"))
                                && number(p.processId()).equals(want.get("ProcessID")))
                        .findFirst().orElse(null);
                assertNotNull(got, "no " + name + " like " + want);
                assertEquals(want.get("PID"), Integer.toString(got.processId()));
                assertEquals(want.get("ParentID"), number(got.parentId()));
                assertEquals(want.get("ImageFileName"), cut(got.imageFileName()));
                assertEquals(want.get("PageDirectoryBase"), hex(got.directoryTableBase()));
                assertEquals(want.get("SessionID"), signed(got.sessionId()));
                assertEquals(want.get("ExitStatus"), signed(got.exitStatus()));
                assertEquals(want.get("CommandLine"), cut(got.commandLine()));
                assertEquals(want.get("PackageFullName"), cut(got.packageFullName()));
                assertEquals(want.get("ApplicationID"), cut(got.applicationId()));
                compared++;
            }
        }
        assertEquals(14, compared);
    }

    @Test
    void threadFieldsEqualTheBaseline() {
        int compared = 0;
        for (String name : List.of("Thread/Start", "Thread/Stop")) {
            for (TraceEventBaseline.Event want : baseline.events("Windows Kernel/" + name)) {
                KernelEvent.Thread got = ours("Windows Kernel/" + name).stream()
                        .map(d -> (KernelEvent.Thread) d.event)
                        .filter(t -> Integer.toString(t.threadId()).equals(want.get("TID")) && hex(t.stackBase()).equals(want.get("StackBase")))
                        .findFirst().orElse(null);
                assertNotNull(got, "no " + name + " like " + want);
                assertEquals(want.get("PID"), Integer.toString(got.processId()));
                assertEquals(want.get("StackLimit"), hex(got.stackLimit()));
                assertEquals(want.get("UserStackBase"), hex(got.userStackBase()));
                assertEquals(want.get("UserStackLimit"), hex(got.userStackLimit()));
                // TraceEvent calls the Affinity slot "StartAddr" (0xff on this 8-CPU machine)
                assertEquals(want.get("StartAddr"), hex(got.affinity()));
                assertEquals(want.get("Win32StartAddr"), hex(got.win32StartAddr()));
                assertEquals(want.get("TebBase"), hex(got.tebBase()));
                assertEquals(want.get("SubProcessTag"), number(got.subProcessTag()));
                assertEquals(want.get("BasePriority"), number(got.basePriority()));
                assertEquals(want.get("PagePriority"), number(got.pagePriority()));
                assertEquals(want.get("IoPriority"), number(got.ioPriority()));
                assertEquals(want.get("ThreadFlags"), number(got.threadFlags()));
                compared++;
            }
        }
        assertEquals(10, compared);
    }

    @Test
    void imageFieldsEqualTheBaselineWithPathsThroughTheVolumeMap() {
        assertFalse(volumes.isEmpty());
        int compared = 0;
        for (String name : List.of("Image/DCStart", "Image/DCStop", "Image/Load", "Image/Unload")) {
            for (TraceEventBaseline.Event want : baseline.events("Windows Kernel/" + name)) {
                KernelEvent.Image got = ours("Windows Kernel/" + name).stream()
                        .map(d -> (KernelEvent.Image) d.event)
                        .filter(i -> hex(i.imageBase()).equals(want.get("ImageBase")) && Integer.toString(i.processId()).equals(want.get("PID")))
                        .findFirst().orElse(null);
                assertNotNull(got, "no " + name + " like " + want);
                assertEquals(want.get("ImageSize"), number(got.imageSize()));
                assertEquals(want.get("ImageChecksum"), number(got.imageChecksum()));
                assertEquals(want.get("TimeDateStamp"), number(got.timeDateStamp()));
                assertEquals(want.get("DefaultBase"), hex(got.defaultBase()));
                assertEquals(want.get("FileName"), cut(volumes.toDos(got.fileName())));
                compared++;
            }
        }
        assertEquals(20, compared);
    }

    @Test
    void fileRundownNamesResolveDiskIoFileKeysAsTraceEventDoes() {
        int compared = 0;
        for (String name : List.of("DiskIO/Read", "DiskIO/Write")) {
            for (TraceEventBaseline.Event want : baseline.events("Windows Kernel/" + name)) {
                KernelEvent.DiskIo got = ours("Windows Kernel/" + name).stream()
                        .map(d -> (KernelEvent.DiskIo) d.event)
                        .filter(d -> hex(d.irp()).equals(want.get("Irp")) && number(d.byteOffset()).equals(want.get("ByteOffset")))
                        .findFirst().orElse(null);
                assertNotNull(got, "no " + name + " like " + want);
                assertEquals(want.get("FileKey"), hex(got.fileKey()));
                assertEquals(want.get("TransferSize"), number(got.transferSize()));
                assertEquals(want.get("DiskNumber"), number(got.diskNumber()));
                String fileName = fileKeyNames.get(got.fileKey());
                assertNotNull(fileName, "FileIO name events give no name for " + want.get("FileKey"));
                assertEquals(want.get("FileName"), cut(volumes.toDos(fileName)));
                compared++;
            }
        }
        assertEquals(10, compared);
        assertTrue(ours("Windows Kernel/FileIO/FileRundown").size() > 3000);
    }
}
