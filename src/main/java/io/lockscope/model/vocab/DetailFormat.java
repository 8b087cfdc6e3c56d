package io.lockscope.model.vocab;

import io.lockscope.model.Operation;
import io.lockscope.model.Paths;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DirectoryDetail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.FileTimesDetail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.HandleDetail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.detail.NetworkOpenDetail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.detail.StandardInfoDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * procmon's Detail column grammar (procmon-formats.md §2.4), both ways: text → typed {@link Detail}
 * and back. The two directions share one vocabulary, so {@code render(parse(x)) == x} for every
 * Detail procmon writes; a text that would not come back identical is kept as {@link Detail.Text}.
 *
 * <p>Keys and their order per operation follow procmon's own exports (the corpus CSVs) and
 * procmon-parser's stream_logs_detail_format.py. Byte counts, offsets and lengths are written with
 * the export locale's thousands separator ({@link NumberStyle}); PIDs, thread ids, REG_DWORD data
 * and exit statuses are not grouped.
 */
public final class DetailFormat {
    /**
     * The longest Detail procmon shows: its detail buffer holds 4,096 UTF-16 units including the
     * terminating NUL (a QueryDirectory listing of a large folder ends mid-name at exactly this length in
     * the corpus CSVs).
     */
    public static final int MAX_CHARS = 4095;
    private static final String ABSENT_SIZE = "n/a";

    // CreateFile
    private static final String DESIRED_ACCESS = "Desired Access";
    private static final String DISPOSITION = "Disposition";
    private static final String OPTIONS = "Options";
    private static final String ATTRIBUTES = "Attributes";
    private static final String SHARE_MODE = "ShareMode";
    private static final String ALLOCATION_SIZE = "AllocationSize";
    private static final String IMPERSONATING = "Impersonating";
    private static final String OPEN_RESULT = "OpenResult";
    // ReadFile / WriteFile / LockFile
    private static final String OFFSET = "Offset";
    private static final String LENGTH = "Length";
    private static final String IO_FLAGS = "I/O Flags";
    private static final String PRIORITY = "Priority";
    private static final String EXCLUSIVE = "Exclusive";
    private static final String FAIL_IMMEDIATELY = "Fail Immediately";
    // SetInformationFile classes
    private static final String DELETE = "Delete";
    private static final String FLAGS = "Flags";
    private static final String REPLACE_IF_EXISTS = "ReplaceIfExists";
    private static final String FILE_NAME = "FileName";
    private static final String END_OF_FILE = "EndOfFile";
    // FASTIO_ACQUIRE_FOR_MOD_WRITE
    private static final String ENDING_OFFSET = "EndingOffset";
    private static final String CREATION_TIME = "CreationTime";
    private static final String LAST_ACCESS_TIME = "LastAccessTime";
    private static final String LAST_WRITE_TIME = "LastWriteTime";
    private static final String CHANGE_TIME = "ChangeTime";
    private static final String FILE_ATTRIBUTES = "FileAttributes";
    private static final String NUMBER_OF_LINKS = "NumberOfLinks";
    private static final String DELETE_PENDING = "DeletePending";
    private static final String DIRECTORY = "Directory";
    // QueryDirectory
    private static final String FILTER = "Filter";
    private static final String FILE_INFORMATION_CLASS = "FileInformationClass";
    // CreateFileMapping
    private static final String SYNC_TYPE = "SyncType";
    private static final String PAGE_PROTECTION = "PageProtection";
    // Registry
    private static final String GRANTED_ACCESS = "Granted Access";
    private static final String INDEX = "Index";
    private static final String NAME = "Name";
    private static final String TYPE = "Type";
    private static final String DATA = "Data";
    // Process class
    private static final String PID = "PID";
    private static final String PARENT_PID = "Parent PID";
    private static final String THREAD_ID = "Thread ID";
    private static final String IMAGE_BASE = "Image Base";
    private static final String IMAGE_SIZE = "Image Size";
    private static final List<String> PROCESS_CREATE_KEYS = List.of(PID, "Command line");
    private static final List<String> PROCESS_START_KEYS =
            List.of(PARENT_PID, "Command line", "Current directory", "Environment");
    private static final List<String> PROCESS_EXIT_KEYS = List.of("Exit Status", "User Time", "Kernel Time",
            "Private Bytes", "Peak Private Bytes", "Working Set", "Peak Working Set");
    private static final List<String> THREAD_CREATE_KEYS = List.of(THREAD_ID);
    private static final List<String> THREAD_EXIT_KEYS = List.of(THREAD_ID, "User Time", "Kernel Time");
    private static final List<String> LOAD_IMAGE_KEYS = List.of(IMAGE_BASE, IMAGE_SIZE);
    /** Process values written with thousands separators; {@link ProcessDetail} keeps them as plain digits. */
    private static final Set<String> GROUPED_PROCESS_KEYS =
            Set.of("Private Bytes", "Peak Private Bytes", "Working Set", "Peak Working Set");

    private DetailFormat() {
    }

    /** Parses a Detail column value; never throws: what it cannot decode comes back as Text. */
    public static Detail parse(Operation operation, String text, NumberStyle style) {
        if (text.isEmpty()) {
            return Detail.None.INSTANCE;
        }
        Detail typed;
        try {
            typed = parseTyped(operation, text, style.thousands());
        } catch (IllegalArgumentException e) {
            typed = null; // a value outside a record's range: keep the text
        }
        if (typed != null && render(operation, typed, style).equals(text)) {
            return typed;
        }
        return new Detail.Text(text);
    }

    /** Renders {@code detail} exactly as procmon writes it for {@code operation}. */
    public static String render(Operation operation, Detail detail, NumberStyle style) {
        char sep = style.thousands();
        if (detail instanceof Detail.Text t) {
            return t.text();
        }
        if (detail instanceof Detail.None) {
            return "";
        }
        if (detail instanceof CreateFileDetail cf) {
            return renderCreateFile(cf, sep);
        }
        if (detail instanceof IoDetail io) {
            return renderIo(io, sep);
        }
        if (detail instanceof LockDetail lock) {
            return renderLock(lock, sep);
        }
        if (detail instanceof DispositionDetail d) {
            return d.flags() == -1
                    ? new DetailWriter().add(DELETE, FileVocabulary.bool(d.delete())).toString()
                    : new DetailWriter().add(FLAGS, FileVocabulary.DISPOSITION_FLAGS.render(d.flags())).toString();
        }
        if (detail instanceof RenameDetail r) {
            DetailWriter w = new DetailWriter().add(REPLACE_IF_EXISTS, FileVocabulary.bool(r.replaceIfExists()));
            return r.target() == null ? w.toString() : w.add(FILE_NAME, r.target()).toString();
        }
        if (detail instanceof SizeDetail s) {
            return new DetailWriter().add(sizeKey(operation), Numbers.grouped(s.size(), sep)).toString();
        }
        if (detail instanceof RegKeyDetail k) {
            return renderRegKey(k);
        }
        if (detail instanceof RegValueDetail v) {
            return renderRegValue(v, sep);
        }
        if (detail instanceof ProcessDetail p) {
            return renderProcess(p, sep);
        }
        if (detail instanceof FileMappingDetail m) {
            DetailWriter w = new DetailWriter().add(SYNC_TYPE, FileVocabulary.SYNC_TYPE.render(m.syncType()));
            String protection = m.pageProtection() == -1 ? null : PageProtection.render(m.pageProtection());
            return protection == null ? w.toString() : w.add(PAGE_PROTECTION, protection).toString();
        }
        if (detail instanceof FileTimesDetail t) {
            return times(t.creationTime(), t.lastAccessTime(), t.lastWriteTime(), t.changeTime())
                    .add(FILE_ATTRIBUTES, FileVocabulary.ATTRIBUTES.render(t.attributes())).toString();
        }
        if (detail instanceof NetworkOpenDetail n) {
            // procmon prints the two sizes of QueryNetworkOpenInformationFile as if they were FILETIMEs
            // (every corpus CSV: a 4,096-byte file shows "AllocationSize: 1/1/1601 12:00:00 AM"); QueryOpen
            // prints them as numbers
            boolean sizesAsTimes = operation == Operation.QUERY_NETWORK_OPEN_INFORMATION_FILE;
            return times(n.creationTime(), n.lastAccessTime(), n.lastWriteTime(), n.changeTime())
                    .add(ALLOCATION_SIZE, sizesAsTimes ? FileTimeText.of(n.allocationSize())
                            : Numbers.grouped(n.allocationSize(), sep))
                    .add(END_OF_FILE, sizesAsTimes ? FileTimeText.of(n.endOfFile()) : Numbers.grouped(n.endOfFile(), sep))
                    .add(FILE_ATTRIBUTES, FileVocabulary.ATTRIBUTES.render(n.attributes())).toString();
        }
        if (detail instanceof StandardInfoDetail s) {
            return new DetailWriter().add(ALLOCATION_SIZE, Numbers.grouped(s.allocationSize(), sep))
                    .add(END_OF_FILE, Numbers.grouped(s.endOfFile(), sep))
                    .add(NUMBER_OF_LINKS, Numbers.grouped(s.numberOfLinks(), sep))
                    .add(DELETE_PENDING, FileVocabulary.bool(s.deletePending()))
                    .add(DIRECTORY, FileVocabulary.bool(s.directory())).toString();
        }
        if (detail instanceof HandleDetail h) {
            return renderHandle(h);
        }
        if (detail instanceof DirectoryDetail d) {
            return renderDirectory(d);
        }
        if (detail instanceof FilterDetail f) {
            return new DetailWriter().add("Driver", f.driver() == null ? "<unknown>" : Paths.fileName(f.driver()))
                    .add("Routine", "0x" + Long.toHexString(f.routineAddress()))
                    .add("Major Function", Integer.toString(f.majorFunction())).toString();
        }
        throw new IllegalArgumentException("no rendering for " + detail.getClass().getSimpleName());
    }

    /**
     * QueryDirectory: {@code Filter: pattern}, then the names numbered from 1 after a filter and from 0
     * without one, then the information class. procmon writes the class item into the third slot of
     * that list, so it replaces the third name of a longer listing ("0: a, 1: b, FileInformationClass: …,
     * 3: d") and is missing from a shorter one; the corpus CSVs show all three shapes. A detail without a
     * class (as older procmon versions render it) lists every name.
     */
    private static String renderDirectory(DirectoryDetail d) {
        List<String> items = new ArrayList<>(d.names().size() + 2);
        int index = 0;
        if (d.filter() != null) {
            items.add(FILTER + ": " + d.filter());
            index = 1;
        }
        for (String name : d.names()) {
            items.add(index++ + ": " + name);
        }
        if (d.infoClass() != -1) {
            String classItem = FILE_INFORMATION_CLASS + ": "
                    + FileVocabulary.DIRECTORY_INFORMATION_CLASS.render(d.infoClass());
            if (items.size() > 2) {
                items.set(2, classItem);
            } else if (items.size() == 2) {
                items.add(classItem);
            }
        }
        return String.join(", ", items);
    }

    /** ETW handle events have no procmon form; lockscope's own "Key: value" spelling. */
    private static String renderHandle(HandleDetail h) {
        DetailWriter w = new DetailWriter().add("Handle", "0x" + Long.toHexString(h.handle()));
        if (h.objectType() != null) {
            w.add("Type", h.objectType());
        }
        if (h.objectName() != null && !h.objectName().isEmpty()) {
            w.add("Name", h.objectName());
        }
        if (h.targetProcessId() >= 0) {
            w.add("Target PID", Integer.toString(h.targetProcessId()))
                    .add("Target Handle", "0x" + Long.toHexString(h.targetHandle()));
        }
        return w.toString();
    }

    private static Detail parseTyped(Operation operation, String text, char sep) {
        DetailCursor in = new DetailCursor(text);
        switch (operation) {
            case CREATE_FILE:
                return parseCreateFile(in, sep);
            case READ_FILE:
            case WRITE_FILE:
                return parseIo(in, sep);
            case LOCK_FILE:
            case UNLOCK_FILE_SINGLE:
            case UNLOCK_FILE_ALL:
            case UNLOCK_FILE_BY_KEY:
                return parseLock(in, sep);
            case SET_DISPOSITION_INFORMATION_FILE:
            case SET_DISPOSITION_INFORMATION_EX:
                return parseDisposition(in);
            case SET_RENAME_INFORMATION_FILE:
            case SET_RENAME_INFORMATION_EX:
            case SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK:
            case SET_LINK_INFORMATION_FILE:
                return parseRename(in);
            case SET_END_OF_FILE_INFORMATION_FILE:
            case SET_ALLOCATION_INFORMATION_FILE:
            case FASTIO_ACQUIRE_FOR_MOD_WRITE:
                return parseSize(in, sizeKey(operation), sep);
            case REG_OPEN_KEY:
            case REG_CREATE_KEY:
                return parseRegKey(in);
            case REG_SET_VALUE:
            case REG_QUERY_VALUE:
            case REG_ENUM_VALUE:
            case REG_ENUM_KEY:
                return parseRegValue(in, sep);
            case PROCESS_DEFINED:
            case PROCESS_CREATE:
                return parseProcess(in, PROCESS_CREATE_KEYS, sep);
            case PROCESS_START:
                return parseProcess(in, PROCESS_START_KEYS, sep);
            case PROCESS_EXIT:
            case PROCESS_STATISTICS:
                return parseProcess(in, PROCESS_EXIT_KEYS, sep);
            case THREAD_CREATE:
                return parseProcess(in, THREAD_CREATE_KEYS, sep);
            case THREAD_EXIT:
                return parseProcess(in, THREAD_EXIT_KEYS, sep);
            case LOAD_IMAGE:
                return parseProcess(in, LOAD_IMAGE_KEYS, sep);
            case CREATE_FILE_MAPPING:
                return parseFileMapping(in);
            case SET_BASIC_INFORMATION_FILE:
            case QUERY_BASIC_INFORMATION_FILE:
                return parseFileTimes(in);
            case QUERY_STANDARD_INFORMATION_FILE:
                return parseStandardInfo(in, sep);
            case QUERY_OPEN:
            case QUERY_NETWORK_OPEN_INFORMATION_FILE:
                return parseNetworkOpen(in, sep);
            default:
                return null;
        }
    }

    // ---- CreateFile -------------------------------------------------------------------------------

    private static String renderCreateFile(CreateFileDetail cf, char sep) {
        DetailWriter w = new DetailWriter();
        if (cf.desiredAccess() != -1) { // -1: not recorded (an ETW FileIo Create carries no access mask)
            w.add(DESIRED_ACCESS, FileVocabulary.DESIRED_ACCESS.render(cf.desiredAccess()));
        }
        w.add(DISPOSITION, FileVocabulary.DISPOSITION.render(cf.disposition()))
                .add(OPTIONS, FileVocabulary.CREATE_OPTIONS.render(cf.options()))
                .add(ATTRIBUTES, FileVocabulary.ATTRIBUTES.render(cf.attributes()))
                .add(SHARE_MODE, FileVocabulary.SHARE_MODE.render(cf.shareMode()))
                .add(ALLOCATION_SIZE, cf.allocationSize() < 0 ? ABSENT_SIZE : Numbers.grouped(cf.allocationSize(), sep));
        if (cf.impersonating() != null) {
            w.add(IMPERSONATING, cf.impersonating());
        }
        if (cf.openResult() >= 0) {
            w.add(OPEN_RESULT, FileVocabulary.OPEN_RESULT.render(cf.openResult()));
        }
        return w.toString();
    }

    private static Detail parseCreateFile(DetailCursor in, char sep) {
        if (!in.key(DESIRED_ACCESS)) {
            return null;
        }
        Integer access = FileVocabulary.DESIRED_ACCESS.parse(in.value(DISPOSITION));
        Integer disposition = in.key(DISPOSITION) ? FileVocabulary.DISPOSITION.parse(in.value(OPTIONS)) : null;
        Integer options = in.key(OPTIONS) ? FileVocabulary.CREATE_OPTIONS.parse(in.value(ATTRIBUTES)) : null;
        Integer attributes = in.key(ATTRIBUTES) ? FileVocabulary.ATTRIBUTES.parse(in.value(SHARE_MODE)) : null;
        Integer share = in.key(SHARE_MODE) ? FileVocabulary.SHARE_MODE.parse(in.value(ALLOCATION_SIZE)) : null;
        if (access == null || disposition == null || options == null || attributes == null || share == null
                || !in.key(ALLOCATION_SIZE)) {
            return null;
        }
        String allocationText = in.value(IMPERSONATING, OPEN_RESULT);
        long allocation = allocationText.equals(ABSENT_SIZE) ? -1 : Numbers.parseGrouped(allocationText, sep);
        String impersonating = in.key(IMPERSONATING) ? in.value(OPEN_RESULT) : null;
        Integer openResult = in.key(OPEN_RESULT) ? FileVocabulary.OPEN_RESULT.parse(in.value()) : Integer.valueOf(-1);
        if (allocation == Numbers.INVALID || openResult == null || !in.atEnd()) {
            return null;
        }
        return new CreateFileDetail(access, disposition, options, attributes, share, allocation, openResult,
                impersonating);
    }

    // ---- ReadFile / WriteFile / LockFile ------------------------------------------------------------

    private static String renderIo(IoDetail io, char sep) {
        DetailWriter w = new DetailWriter()
                .add(OFFSET, Numbers.grouped(io.offset(), sep))
                .add(LENGTH, Numbers.grouped(io.length(), sep));
        // procmon leaves both keys out when the value is zero
        if (io.ioFlags() > 0) {
            w.add(IO_FLAGS, FileVocabulary.IO_FLAGS.render(io.ioFlags()));
        }
        if (io.priority() > 0) {
            w.add(PRIORITY, FileVocabulary.IO_PRIORITY.render(io.priority()));
        }
        return w.toString();
    }

    private static Detail parseIo(DetailCursor in, char sep) {
        long offset = in.key(OFFSET) ? Numbers.parseGrouped(in.value(LENGTH), sep) : Numbers.INVALID;
        long length = in.key(LENGTH) ? Numbers.parseGrouped(in.value(IO_FLAGS, PRIORITY), sep) : Numbers.INVALID;
        Integer flags = in.key(IO_FLAGS) ? FileVocabulary.IO_FLAGS.parse(in.value(PRIORITY)) : Integer.valueOf(-1);
        Integer priority = in.key(PRIORITY) ? FileVocabulary.IO_PRIORITY.parse(in.value()) : Integer.valueOf(-1);
        if (offset == Numbers.INVALID || length == Numbers.INVALID || flags == null || priority == null
                || !in.atEnd()) {
            return null;
        }
        return new IoDetail(offset, length, flags, priority);
    }

    private static String renderLock(LockDetail lock, char sep) {
        DetailWriter w = new DetailWriter();
        if (lock.hasFlags()) {
            w.add(EXCLUSIVE, FileVocabulary.bool(lock.exclusive()));
        }
        w.add(OFFSET, Numbers.grouped(lock.offset(), sep)).add(LENGTH, Numbers.grouped(lock.length(), sep));
        if (lock.hasFlags()) {
            w.add(FAIL_IMMEDIATELY, FileVocabulary.bool(lock.failImmediately()));
        }
        return w.toString();
    }

    private static Detail parseLock(DetailCursor in, char sep) {
        Boolean exclusive = in.key(EXCLUSIVE) ? FileVocabulary.parseBool(in.value(OFFSET)) : null;
        long offset = in.key(OFFSET) ? Numbers.parseGrouped(in.value(LENGTH), sep) : Numbers.INVALID;
        long length = in.key(LENGTH) ? Numbers.parseGrouped(in.value(FAIL_IMMEDIATELY), sep) : Numbers.INVALID;
        Boolean failImmediately = in.key(FAIL_IMMEDIATELY) ? FileVocabulary.parseBool(in.value()) : null;
        if (offset == Numbers.INVALID || length == Numbers.INVALID || (exclusive == null) != (failImmediately == null)
                || !in.atEnd()) {
            return null;
        }
        boolean hasFlags = exclusive != null;
        return new LockDetail(offset, length, hasFlags, hasFlags && exclusive, hasFlags && failImmediately);
    }

    // ---- SetInformationFile classes ------------------------------------------------------------------

    private static Detail parseDisposition(DetailCursor in) {
        if (in.key(DELETE)) {
            Boolean delete = FileVocabulary.parseBool(in.value());
            return delete == null ? null : new DispositionDetail(delete, -1);
        }
        if (in.key(FLAGS)) {
            Integer flags = FileVocabulary.DISPOSITION_FLAGS.parse(in.value());
            return flags == null ? null : new DispositionDetail((flags & DispositionDetail.FLAG_DELETE) != 0, flags);
        }
        return null;
    }

    private static Detail parseRename(DetailCursor in) {
        Boolean replace = in.key(REPLACE_IF_EXISTS) ? FileVocabulary.parseBool(in.value(FILE_NAME)) : null;
        String target = in.key(FILE_NAME) ? in.value() : null;
        return replace == null || !in.atEnd() ? null : new RenameDetail(replace, target);
    }

    private static String sizeKey(Operation operation) {
        if (operation == Operation.FASTIO_ACQUIRE_FOR_MOD_WRITE) {
            return ENDING_OFFSET;
        }
        return operation == Operation.SET_ALLOCATION_INFORMATION_FILE ? ALLOCATION_SIZE : END_OF_FILE;
    }

    private static Detail parseSize(DetailCursor in, String key, char sep) {
        long size = in.key(key) ? Numbers.parseGrouped(in.value(), sep) : Numbers.INVALID;
        return size == Numbers.INVALID ? null : new SizeDetail(size);
    }

    /** The four FILE_BASIC_INFORMATION times, written as procmon wrote them. */
    private static DetailWriter times(String creation, String lastAccess, String lastWrite, String change) {
        return new DetailWriter().add(CREATION_TIME, creation).add(LAST_ACCESS_TIME, lastAccess)
                .add(LAST_WRITE_TIME, lastWrite).add(CHANGE_TIME, change);
    }

    /** The four times at the cursor, the last one ending before {@code nextKey}; null when one is missing. */
    private static String[] readTimes(DetailCursor in, String nextKey) {
        String creation = in.key(CREATION_TIME) ? in.value(LAST_ACCESS_TIME) : null;
        String access = in.key(LAST_ACCESS_TIME) ? in.value(LAST_WRITE_TIME) : null;
        String write = in.key(LAST_WRITE_TIME) ? in.value(CHANGE_TIME) : null;
        String change = in.key(CHANGE_TIME) ? in.value(nextKey) : null;
        if (creation == null || access == null || write == null || change == null) {
            return null;
        }
        return new String[] {creation, access, write, change};
    }

    private static Detail parseFileTimes(DetailCursor in) {
        String[] t = readTimes(in, FILE_ATTRIBUTES);
        Integer attributes = t != null && in.key(FILE_ATTRIBUTES) ? FileVocabulary.ATTRIBUTES.parse(in.value()) : null;
        return attributes == null ? null : new FileTimesDetail(t[0], t[1], t[2], t[3], attributes);
    }

    /**
     * Same order as FILE_NETWORK_OPEN_INFORMATION. procmon 3.x writes the two sizes of
     * QueryNetworkOpenInformationFile as dates ("AllocationSize: 1/1/1601 12:00:00 AM", seen in the
     * corpus); such rows are not numbers and stay text.
     */
    private static Detail parseNetworkOpen(DetailCursor in, char sep) {
        String[] t = readTimes(in, ALLOCATION_SIZE);
        if (t == null) {
            return null;
        }
        long allocation = in.key(ALLOCATION_SIZE) ? Numbers.parseGrouped(in.value(END_OF_FILE), sep) : Numbers.INVALID;
        long eof = in.key(END_OF_FILE) ? Numbers.parseGrouped(in.value(FILE_ATTRIBUTES), sep) : Numbers.INVALID;
        Integer attributes = in.key(FILE_ATTRIBUTES) ? FileVocabulary.ATTRIBUTES.parse(in.value()) : null;
        if (allocation == Numbers.INVALID || eof == Numbers.INVALID || attributes == null) {
            return null;
        }
        return new NetworkOpenDetail(t[0], t[1], t[2], t[3], allocation, eof, attributes);
    }

    private static Detail parseStandardInfo(DetailCursor in, char sep) {
        long allocation = in.key(ALLOCATION_SIZE) ? Numbers.parseGrouped(in.value(END_OF_FILE), sep) : Numbers.INVALID;
        long eof = in.key(END_OF_FILE) ? Numbers.parseGrouped(in.value(NUMBER_OF_LINKS), sep) : Numbers.INVALID;
        long links = in.key(NUMBER_OF_LINKS) ? Numbers.parseGrouped(in.value(DELETE_PENDING), sep) : Numbers.INVALID;
        Boolean deletePending = in.key(DELETE_PENDING) ? FileVocabulary.parseBool(in.value(DIRECTORY)) : null;
        Boolean directory = in.key(DIRECTORY) ? FileVocabulary.parseBool(in.value()) : null;
        if (allocation == Numbers.INVALID || eof == Numbers.INVALID || links < 0 || links > Integer.MAX_VALUE
                || deletePending == null || directory == null) {
            return null;
        }
        return new StandardInfoDetail(allocation, eof, (int) links, deletePending, directory);
    }

    private static Detail parseFileMapping(DetailCursor in) {
        Integer syncType = in.key(SYNC_TYPE) ? FileVocabulary.SYNC_TYPE.parse(in.value(PAGE_PROTECTION)) : null;
        Integer protection = in.key(PAGE_PROTECTION) ? PageProtection.parse(in.value()) : Integer.valueOf(-1);
        if (syncType == null || protection == null || !in.atEnd()) {
            return null;
        }
        return new FileMappingDetail(syncType, protection);
    }

    // ---- Registry ----------------------------------------------------------------------------------

    private static String renderRegKey(RegKeyDetail k) {
        if (k.desiredAccess() == 0) {
            return ""; // procmon writes no Detail at all for an open without desired access (procmon-parser)
        }
        DetailWriter w = new DetailWriter().add(DESIRED_ACCESS, RegistryVocabulary.ACCESS.render(k.desiredAccess()));
        if (k.grantedAccess() != -1) {
            w.add(GRANTED_ACCESS, RegistryVocabulary.ACCESS.render(k.grantedAccess()));
        }
        if (RegistryVocabulary.KEY_DISPOSITION.isNamed(k.disposition())) {
            w.add(DISPOSITION, RegistryVocabulary.KEY_DISPOSITION.render(k.disposition()));
        }
        return w.toString();
    }

    private static Detail parseRegKey(DetailCursor in) {
        Integer desired = in.key(DESIRED_ACCESS)
                ? RegistryVocabulary.ACCESS.parse(in.value(GRANTED_ACCESS, DISPOSITION)) : null;
        Integer granted = in.key(GRANTED_ACCESS)
                ? RegistryVocabulary.ACCESS.parse(in.value(DISPOSITION)) : Integer.valueOf(-1);
        Integer disposition = in.key(DISPOSITION)
                ? RegistryVocabulary.KEY_DISPOSITION.parse(in.value()) : Integer.valueOf(-1);
        if (desired == null || granted == null || disposition == null || !in.atEnd()) {
            return null;
        }
        return new RegKeyDetail(desired, granted, disposition);
    }

    private static String renderRegValue(RegValueDetail v, char sep) {
        DetailWriter w = new DetailWriter();
        if (v.index() != -1) {
            w.add(INDEX, Numbers.grouped(Integer.toUnsignedLong(v.index()), sep));
        }
        if (v.name() != null) {
            w.add(NAME, v.name());
        }
        if (v.type() != -1) {
            w.add(TYPE, RegistryVocabulary.VALUE_TYPE.render(v.type()));
        }
        if (v.length() != -1) {
            w.add(LENGTH, Numbers.grouped(v.length(), sep));
        }
        if (v.data() != null) {
            w.add(DATA, v.data());
        }
        return w.toString();
    }

    private static Detail parseRegValue(DetailCursor in, char sep) {
        long index = in.key(INDEX) ? Numbers.parseGrouped(in.value(NAME, TYPE, LENGTH), sep) : -1;
        String name = in.key(NAME) ? in.value(TYPE, LENGTH, DATA) : null;
        Integer type = in.key(TYPE) ? RegistryVocabulary.VALUE_TYPE.parse(in.value(LENGTH, DATA)) : Integer.valueOf(-1);
        long length = in.key(LENGTH) ? Numbers.parseGrouped(in.value(DATA), sep) : -1;
        String data = in.key(DATA) ? in.value() : null;
        // an index of 0xFFFFFFFF would read back as "absent" (-1): the round-trip check keeps it as text
        if (index < -1 || index > 0xFFFFFFFFL || type == null || length < -1 || !in.atEnd()) {
            return null;
        }
        return new RegValueDetail((int) index, name, type, length, data);
    }

    // ---- Process class -----------------------------------------------------------------------------

    private static String renderProcess(ProcessDetail p, char sep) {
        DetailWriter w = new DetailWriter();
        for (ProcessDetail.Field f : p.fields()) {
            String value = f.value();
            if (GROUPED_PROCESS_KEYS.contains(f.key())) {
                long number = Numbers.parsePlain(value);
                if (number != Numbers.INVALID) {
                    value = Numbers.grouped(number, sep);
                }
            }
            w.add(f.key(), value);
        }
        return w.toString();
    }

    /** Keys are optional but ordered (procmon 2.8's Process Start shows only the parent PID). */
    private static Detail parseProcess(DetailCursor in, List<String> keys, char sep) {
        List<ProcessDetail.Field> fields = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!in.key(key)) {
                continue;
            }
            String value = in.value(following(keys, i));
            if (GROUPED_PROCESS_KEYS.contains(key)) {
                long number = Numbers.parseGrouped(value, sep);
                if (number == Numbers.INVALID) {
                    return null;
                }
                value = Long.toString(number);
            }
            fields.add(new ProcessDetail.Field(key, value));
        }
        if (fields.isEmpty() || !in.atEnd()) {
            return null;
        }
        ProcessDetail draft = new ProcessDetail(-1, -1, -1, fields);
        String pid = draft.get(PID);
        if (pid == null) {
            pid = draft.get(PARENT_PID);
        }
        if (pid == null) {
            pid = draft.get(THREAD_ID);
        }
        String base = draft.get(IMAGE_BASE);
        String size = draft.get(IMAGE_SIZE);
        return new ProcessDetail(pid == null ? -1 : orAbsent(Numbers.parsePlain(pid)),
                base == null ? -1 : orAbsent(Numbers.parseHex(base)),
                size == null ? -1 : orAbsent(Numbers.parseHex(size)), fields);
    }

    private static String[] following(List<String> keys, int index) {
        return keys.subList(index + 1, keys.size()).toArray(new String[0]);
    }

    private static long orAbsent(long parsed) {
        return parsed == Numbers.INVALID ? -1 : parsed;
    }
}
