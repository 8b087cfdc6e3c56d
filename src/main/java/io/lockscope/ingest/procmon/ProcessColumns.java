package io.lockscope.ingest.procmon;

import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StringPool;
import io.lockscope.model.vocab.ProcmonColumn;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The process columns of an exported row, as its parser found them: the identity that tells one process
 * instance from another with the same PID (Process Name, Image Path, Command Line, Authentication ID and
 * Parent PID, see {@link ExportProcesses}), compared as characters, and every process column's text as
 * an id of the parser's pool, for the {@link ProcessInfo} of an instance that starts with this row.
 */
final class ProcessColumns {
    /** The columns kept as text, in the order they are interned. */
    private static final ProcmonColumn[] TEXTS = {ProcmonColumn.ARCHITECTURE, ProcmonColumn.VIRTUALIZED,
            ProcmonColumn.PROCESS_NAME, ProcmonColumn.IMAGE_PATH, ProcmonColumn.COMMAND_LINE, ProcmonColumn.COMPANY,
            ProcmonColumn.DESCRIPTION, ProcmonColumn.VERSION, ProcmonColumn.USER, ProcmonColumn.AUTHENTICATION_ID,
            ProcmonColumn.INTEGRITY};
    private static final int NAME = 2;

    final int pid;
    final int parentPid;
    private final int session;
    private final char[] name;
    private final char[] imagePath;
    private final char[] commandLine;
    private final char[] authenticationId;
    /** By {@link #TEXTS}: the pool id of the column's text, -1 when the column is not exported. */
    private final int[] texts = new int[TEXTS.length];

    ProcessColumns(ExportRow row, int pid, int parentPid, int session, StringPool strings) {
        this.pid = pid;
        this.parentPid = parentPid;
        this.session = session;
        this.name = chars(row, ProcmonColumn.PROCESS_NAME);
        this.imagePath = chars(row, ProcmonColumn.IMAGE_PATH);
        this.commandLine = chars(row, ProcmonColumn.COMMAND_LINE);
        this.authenticationId = chars(row, ProcmonColumn.AUTHENTICATION_ID);
        for (int i = 0; i < TEXTS.length; i++) {
            int n = row.length(TEXTS[i]);
            texts[i] = n < 0 ? -1 : strings.intern(row.chars(), row.start(TEXTS[i]), n);
        }
    }

    /** Whether {@code row} (whose Parent PID column gave {@code rowParentPid}) is of the same process. */
    boolean sameProcess(ExportRow row, int rowParentPid) {
        return same(name, row, ProcmonColumn.PROCESS_NAME)
                && same(imagePath, row, ProcmonColumn.IMAGE_PATH)
                && same(commandLine, row, ProcmonColumn.COMMAND_LINE)
                && same(authenticationId, row, ProcmonColumn.AUTHENTICATION_ID)
                && parentPid == rowParentPid;
    }

    /** Whether {@code other}, from another parser of the same export, names the same process. */
    boolean sameProcess(ProcessColumns other) {
        return pid == other.pid && parentPid == other.parentPid && Arrays.equals(name, other.name)
                && Arrays.equals(imagePath, other.imagePath) && Arrays.equals(commandLine, other.commandLine)
                && Arrays.equals(authenticationId, other.authenticationId);
    }

    /** The pool id of the Process Name (0, the empty text, when it is not exported). */
    int nameText() {
        return Math.max(texts[NAME], 0);
    }

    /** The process these columns describe, its texts from {@code strings}, to which {@code ids} maps the parser's ids. */
    ProcessInfo info(StringPool strings, IntUnaryOperator ids) {
        String architecture = text(0, strings, ids);
        Boolean is64bit = architecture == null ? null
                : architecture.startsWith("64") ? Boolean.TRUE
                : architecture.startsWith("32") ? Boolean.FALSE : null;
        String virtualized = text(1, strings, ids);
        Boolean isVirtualized = "True".equals(virtualized) ? Boolean.TRUE
                : "False".equals(virtualized) ? Boolean.FALSE : null;
        String processName = text(NAME, strings, ids);
        return new ProcessInfo(pid, parentPid, processName == null ? "" : processName, text(3, strings, ids),
                text(4, strings, ids), text(5, strings, ids), text(6, strings, ids), text(7, strings, ids),
                text(8, strings, ids), text(9, strings, ids), session, text(10, strings, ids),
                is64bit, isVirtualized, ProcessInfo.UNKNOWN_TIME, ProcessInfo.UNKNOWN_TIME, List.of());
    }

    private String text(int i, StringPool strings, IntUnaryOperator ids) {
        return texts[i] < 0 ? null : strings.get(ids.applyAsInt(texts[i]));
    }

    private static char[] chars(ExportRow row, ProcmonColumn column) {
        int n = row.length(column);
        return n <= 0 ? new char[0] : Arrays.copyOfRange(row.chars(), row.start(column), row.start(column) + n);
    }

    private static boolean same(char[] known, ExportRow row, ProcmonColumn column) {
        int n = row.length(column);
        int start = row.start(column);
        return n < 0 || Arrays.equals(known, 0, known.length, row.chars(), start, start + n);
    }
}
