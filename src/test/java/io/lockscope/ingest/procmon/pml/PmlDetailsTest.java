package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.model.Operation;
import io.lockscope.model.StringPool;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DirectoryDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NumberStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.lockscope.format.procmon.pml.PmlOperations.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-made 64-bit file-system detail blobs (layout in {@link FileSystemDetailDecoder}) decoded to the Detail procmon
 * shows; the expected texts are spelled as in the corpus CSVs.
 */
class PmlDetailsTest {
    private static final int PARAMS = PmlLayout.FS_PARAMETERS;
    private static final int PATH_INFO = PmlLayout.fsPathInfo(8);

    @TempDir
    Path temp;

    /** A blob: sub-operation, FLT_PARAMETERS (written by the caller at PARAMS), the path, then {@code trailing}. */
    private static ByteBuffer blob(int sub, String path, int trailingBytes) {
        ByteBuffer b = ByteBuffer.allocate(PATH_INFO + 4 + 2 * path.length() + trailingBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) sub);
        b.putShort(PATH_INFO, (short) path.length());
        byte[] chars = path.getBytes(StandardCharsets.UTF_16LE);
        b.put(PATH_INFO + 4, chars);
        b.position(PATH_INFO + 4 + chars.length);
        return b;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer utf16(ByteBuffer b, int at, String s) {
        b.put(at, s.getBytes(StandardCharsets.UTF_16LE));
        return b;
    }

    private static String render(Detail d) {
        return DetailFormat.render(Operation.QUERY_DIRECTORY, d, NumberStyle.EN_US);
    }

    /** Decodes {@code blob} (and {@code extra}, null for none) as a file-system event {@code operation}. */
    private Detail decode(int operation, ByteBuffer blob, ByteBuffer extra) throws IOException {
        return decode(CLASS_FILE_SYSTEM, operation, blob, extra, new byte[0]);
    }

    /** As {@link #decode(int, ByteBuffer, ByteBuffer)}; {@code following} are the log bytes after the extra blob. */
    private Detail decode(int eventClass, int operation, ByteBuffer blob, ByteBuffer extra, byte[] following)
            throws IOException {
        byte[] b = blob.array();
        byte[] x = extra == null ? new byte[0] : extra.array();
        byte[] file = new byte[b.length + x.length + following.length];
        System.arraycopy(b, 0, file, 0, b.length);
        System.arraycopy(x, 0, file, b.length, x.length);
        System.arraycopy(following, 0, file, b.length + x.length, following.length);
        Path f = temp.resolve("blob.bin");
        Files.write(f, file);
        PmlHeader header = new PmlHeader(9, true, "", "", 0, 0, 0, 0, 0, 0, 0, 10, 0, 19041, 1, 0, 0);
        try (MappedFile in = new MappedFile(f)) {
            PmlDetails details = new PmlDetails(in, header, null, new StringPool());
            return details.decode(eventClass, operation, 1, 0, b.length, extra == null ? -1 : b.length,
                    x.length).detail();
        }
    }

    /** FILE_BOTH_DIR_INFORMATION (name at 0x5E) or FILE_NAMES_INFORMATION (name at 0x0C) records. */
    private static ByteBuffer directoryRecords(int infoClass, String... names) {
        int nameAt = infoClass == 12 ? 0x0C : 0x5E;
        int lengthAt = infoClass == 12 ? 8 : 0x3C;
        int size = 0;
        for (String n : names) {
            size += (nameAt + 2 * n.length() + 7) & ~7;
        }
        ByteBuffer b = le(size);
        int at = 0;
        for (int k = 0; k < names.length; k++) {
            int length = (nameAt + 2 * names[k].length() + 7) & ~7;
            b.putInt(at, k == names.length - 1 ? 0 : length);
            b.putInt(at + lengthAt, 2 * names[k].length());
            utf16(b, at + nameAt, names[k]);
            at += length;
        }
        return b;
    }

    @Test
    void queryDirectoryWithFilterListsFromOneAndAppendsTheClass() throws IOException {
        ByteBuffer b = blob(SUB_QUERY_DIRECTORY, "C:\\Users", 2 + 2 * "Users".length());
        b.putInt(PARAMS + 16, 3); // FileBothDirectoryInformation
        int filterAt = b.position();
        b.putShort(filterAt, (short) "Users".length());
        utf16(b, filterAt + 2, "Users");
        Detail d = decode(FS_DIRECTORY_CONTROL, b, directoryRecords(3, "Users"));
        assertEquals(new DirectoryDetail("Users", List.of("Users"), 3), d);
        assertEquals("Filter: Users, 1: Users, FileInformationClass: FileBothDirectoryInformation", render(d));
    }

    @Test
    void queryDirectoryClassTakesTheThirdPlaceOfALongerListing() throws IOException {
        ByteBuffer b = blob(SUB_QUERY_DIRECTORY, "C:\\Temp", 0);
        b.putInt(PARAMS + 16, 12); // FileNamesInformation
        Detail d = decode(FS_DIRECTORY_CONTROL, b, directoryRecords(12, ".", "..", "c.txt", "d.txt"));
        assertEquals(new DirectoryDetail(null, List.of(".", "..", "c.txt", "d.txt"), 12), d, "every name is kept");
        assertEquals("0: ., 1: .., FileInformationClass: FileNamesInformation, 3: d.txt", render(d));
        assertEquals("0: ., 1: .., 2: c.txt, 3: d.txt", render(((DirectoryDetail) d).withoutInfoClass()),
                "without the class (procmon 3.40) the third name shows");
        assertEquals("0: .", render(decode(FS_DIRECTORY_CONTROL, b, directoryRecords(12, "."))),
                "a single name leaves no third place for the class");
    }

    @Test
    void queryDirectoryListsOnlyTheRecordsTheStoredBufferHolds() throws IOException {
        ByteBuffer b = blob(SUB_QUERY_DIRECTORY, "C:\\Temp", 0);
        b.putInt(PARAMS + 16, 12);
        ByteBuffer records = directoryRecords(12, "a", "b", "c");
        ByteBuffer cut = le(records.capacity() - 4);
        cut.put(0, records.array(), 0, cut.capacity());
        assertEquals(new DirectoryDetail(null, List.of("a", "b"), 12), decode(FS_DIRECTORY_CONTROL, b, cut));
    }

    @Test
    void volumeQueriesShowTheirOutputBuffer() throws IOException {
        ByteBuffer size = le(24).putLong(0, 7_706_623).putLong(8, 1_808_669).putInt(16, 8).putInt(20, 512);
        assertEquals(new Detail.Text("TotalAllocationUnits: 7,706,623, AvailableAllocationUnits: 1,808,669, "
                        + "SectorsPerAllocationUnit: 8, BytesPerSector: 512"),
                decode(FS_QUERY_VOLUME_INFORMATION, blob(VOLUME_SIZE_INFORMATION, "C:", 0), size));

        ByteBuffer attributes = le(20).putInt(0, 0x03e706ff).putInt(4, 255).putInt(8, 8);
        utf16(attributes, 12, "NTFS");
        assertEquals(new Detail.Text("FileSystemAttributes: Case Preserved, Case Sensitive, Unicode, ACLs, "
                        + "Compression, Named Streams, EFS, Object IDs, Reparse Points, Sparse Files, Quotas, "
                        + "Transactions, 0x3c00600, MaximumComponentNameLength: 255, FileSystemName: NTFS"),
                decode(FS_QUERY_VOLUME_INFORMATION, blob(VOLUME_ATTRIBUTE_INFORMATION, "C:", 0), attributes));

        ByteBuffer volume = le(0x18).putLong(0, 0x01d657c759c1f480L).putInt(8, 0xA85A5794).putInt(0xC, 0);
        volume.put(0x10, (byte) 1);
        assertEquals(new Detail.Text("VolumeCreationTime: 7/11/2020 9:07:57 PM, VolumeSerialNumber: A85A-5794, "
                        + "SupportsObjects: True, VolumeLabel: "),
                decode(FS_QUERY_VOLUME_INFORMATION, blob(VOLUME_INFORMATION, "C:", 0), volume));

        assertEquals(Detail.None.INSTANCE, decode(FS_QUERY_VOLUME_INFORMATION, blob(VOLUME_SIZE_INFORMATION, "C:", 0),
                null), "a failed query has no output buffer");
    }

    @Test
    void queryAllInformationShowsEveryPartButTheName() throws IOException {
        ByteBuffer all = le(0x68);
        long time = 0x01d33928b7436a00L; // 9/29/2017 1:41:56 PM
        all.putLong(0, time).putLong(8, time).putLong(16, time).putLong(24, 0x01d657c7621a2f80L).putInt(32, 0x20)
                .putLong(0x28, 249_856).putLong(0x30, 246_784).putInt(0x38, 2).putLong(0x40, 0x10000000058abL)
                .putInt(0x48, 116).putInt(0x4C, 0x00100080).putLong(0x50, 0).putInt(0x58, 0x20).putInt(0x5C, 3);
        assertEquals(new Detail.Text("CreationTime: 9/29/2017 1:41:56 PM, LastAccessTime: 9/29/2017 1:41:56 PM, "
                        + "LastWriteTime: 9/29/2017 1:41:56 PM, ChangeTime: 7/11/2020 9:08:11 PM, FileAttributes: A, "
                        + "AllocationSize: 249,856, EndOfFile: 246,784, NumberOfLinks: 2, DeletePending: False, "
                        + "Directory: False, IndexNumber: 0x10000000058ab, EaSize: 116, Access: Read Attributes, "
                        + "Synchronize, Position: 0, Mode: Synchronous IO Non-Alert, AlignmentRequirement: Long"),
                decode(FS_QUERY_INFORMATION, blob(INFO_ALL, "C:\\a.exe", 0), all));
        assertEquals(new Detail.Text("IndexNumber: 0x6000000016671"), decode(FS_QUERY_INFORMATION,
                blob(INFO_INTERNAL, "C:\\a.exe", 0), le(8).putLong(0, 0x6000000016671L)));
    }

    @Test
    void fastIoCallbacksShowTheirParameter() throws IOException {
        ByteBuffer modWrite = blob(0, "C:\\pagefile.sys", 8);
        modWrite.putLong(modWrite.position(), 32_768);
        assertEquals(new SizeDetail(32_768), decode(FS_FASTIO_ACQUIRE_FOR_MOD_WRITE, modWrite, null));
        ByteBuffer mdl = blob(0, "C:\\a.dll", 0);
        mdl.putLong(PARAMS, 0xffffa90f24a614f0L);
        assertEquals(new Detail.Text("MDL: 0xffffa90f24a614f0"), decode(FS_FASTIO_MDL_READ_COMPLETE, mdl, null));
    }

    @Test
    void controlCodesAreNamedAndOffloadReadShowsItsRange() throws IOException {
        ByteBuffer oplock = blob(0, "C:\\a", 0);
        oplock.putInt(PARAMS + 0x10, 0x90240);
        assertEquals(new Detail.Text("Control: FSCTL_REQUEST_OPLOCK"), decode(FS_FILE_SYSTEM_CONTROL, oplock, null));
        ByteBuffer offload = blob(0, "C:\\a", 32);
        offload.putInt(PARAMS + 0x10, 0x94264);
        int input = offload.position();
        offload.putInt(input, 32).putLong(input + 16, 0).putLong(input + 24, 2_097_152);
        assertEquals(new Detail.Text("Control: FSCTL_OFFLOAD_READ, Offset: 0, Length: 2,097,152"),
                decode(FS_FILE_SYSTEM_CONTROL, offload, null));
    }

    @Test
    void wellKnownImpersonatedSidIsShownByName() throws IOException {
        byte[] system = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}; // S-1-5-18
        ByteBuffer create = blob(0, "C:\\a", 8 + system.length);
        int after = create.position();
        create.putInt(after, 0x120089).put(after + 4, (byte) system.length).put(after + 8, system);
        create.putInt(PARAMS + 8, 1 << 24);
        Detail d = decode(FS_CREATE, create, null);
        assertEquals("NT AUTHORITY\\SYSTEM", ((CreateFileDetail) d).impersonating());
    }

    @Test
    void fullValueInformationShowsWhatProcmonReadsPastTheStoredData() throws IOException {
        // RegQueryValue, KeyValueFullInformation: u16 path info, u16 pad, u32 Length, u32 class, path
        ByteBuffer query = le(12 + 2 * "K\\2011".length());
        query.putShort(0, (short) "K\\2011".length()).putInt(4, 4094).putInt(8, 1);
        utf16(query, 12, "K\\2011");
        // TitleIndex, Type REG_BINARY, DataOffset 0x1C, DataLength 44, NameLength 8, "2011", 16 of the 44 bytes
        ByteBuffer full = le(44).putInt(4, 3).putInt(8, 0x1C).putInt(12, 44).putInt(16, 8).putInt(0x24, -60);
        utf16(full, 20, "2011");
        byte[] next = {3, 4, 0, 0, 9, 9, 9, 9};
        // 44 - (0x14 + 8 / 2) = 20 bytes: the 16 stored and 4 of the log bytes that follow
        assertEquals(new RegValueDetail(-1, null, 3, 44, "00 00 00 00 00 00 00 00 C4 FF FF FF 00 00 00 00 03 04 00 00"),
                decode(CLASS_REGISTRY, REG_QUERY_VALUE, query, full, next));
    }

    @Test
    void anOddLengthMultiStringReadsOnToTheNextNulAndShowsLineFeedsAsSemicolons() throws IOException {
        // RegSetValue: u16 path info, u16 pad, u32 type, u32 length, u16 bytes copied, u16 garbage, path, data
        String path = "HKCU\\V";
        byte[] data = {'a', 0, 'b', 0, '\n'}; // "ab" then half a character: 5 bytes, no NUL
        ByteBuffer set = le(16 + 2 * path.length() + data.length);
        set.putShort(0, (short) path.length()).putInt(4, 7).putInt(8, data.length).putShort(12, (short) data.length);
        utf16(set, 16, path).put(16 + 2 * path.length(), data);
        byte[] next = {0, 'c', 0, 0, 0, 'x', 0}; // the log bytes after the blob: U+000A, 'c', NUL
        assertEquals(new RegValueDetail(-1, null, 7, 5, "ab;c"), decode(CLASS_REGISTRY, REG_SET_VALUE, set, null, next));
    }
}
