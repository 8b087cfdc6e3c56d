package io.lockscope.nativeio;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

import java.nio.ByteBuffer;

/**
 * XPRESS (MS-XCA plain LZ77) decompression of whole ETL buffers in native code: on Windows ntdll's
 * {@code RtlDecompressBufferEx} (COMPRESSION_FORMAT_XPRESS), elsewhere {@code native-helpers/xpress.c},
 * which the build compiles into the jar where a C compiler exists. {@link #available()} says whether
 * either loaded; callers keep a Java decoder for when it did not, and for naming the error of a
 * corrupt buffer (native code only says that, and on Linux where, a buffer is corrupt).
 */
public final class NativeXpress {
    /** The system property that, set to {@code false}, keeps lockscope off native code. */
    public static final String ENABLED_PROPERTY = "lockscope.native";

    private static final short COMPRESSION_FORMAT_XPRESS = 3;
    private static final String LIBRARY = "lockscope-native";

    private static final String implementation;
    private static final String unavailableBecause;
    /** ntdll's scratch space for RtlDecompressBufferEx, per thread; unused off Windows. */
    private static final ThreadLocal<Pointer> workspace = new ThreadLocal<>();
    private static int workspaceBytes;

    static {
        String loaded = null;
        String why = null;
        try {
            if (Platform.isWindows()) {
                Native.register(Ntdll.class, "ntdll");
                IntByReference bufferWorkspace = new IntByReference();
                IntByReference fragmentWorkspace = new IntByReference();
                int status = Ntdll.RtlGetCompressionWorkSpaceSize(COMPRESSION_FORMAT_XPRESS, bufferWorkspace, fragmentWorkspace);
                if (status != 0) {
                    throw new UnsatisfiedLinkError("RtlGetCompressionWorkSpaceSize returned NTSTATUS 0x"
                            + Integer.toHexString(status).toUpperCase());
                }
                workspaceBytes = Math.max(fragmentWorkspace.getValue(), 1);
                loaded = "ntdll RtlDecompressBufferEx";
            } else {
                Native.register(Helpers.class, LIBRARY);
                loaded = "native-helpers/xpress.c (" + Platform.RESOURCE_PREFIX + ")";
            }
        } catch (UnsatisfiedLinkError e) {
            why = Platform.isWindows() ? "ntdll: " + e.getMessage()
                    : "no native-helpers library for " + Platform.RESOURCE_PREFIX + " (the build had no C compiler)";
        } catch (LinkageError | RuntimeException e) {
            why = e.toString();
        }
        implementation = loaded;
        unavailableBecause = why;
    }

    private NativeXpress() {
    }

    /** Whether the native decoder loaded and {@code -Dlockscope.native=false} does not turn it off. */
    public static boolean available() {
        return implementation != null && !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY));
    }

    /** What decodes when {@link #available()}: the library or system function. */
    public static String implementation() {
        return implementation;
    }

    /** Why the native decoder is not used, for {@code info}; null when it is. */
    public static String unavailableBecause() {
        if (implementation == null) {
            return unavailableBecause;
        }
        return available() ? null : "-D" + ENABLED_PROPERTY + "=false";
    }

    /**
     * Decompresses {@code compressed[0, compressedLength)} into {@code out[0, outLength)}, both direct
     * buffers addressed from their start (slice them first).
     *
     * @return the bytes written, or {@code -1 - position} for a corrupt stream: the compressed byte
     *         where the native decoder stopped (on Windows always 0, ntdll does not say)
     * @throws IllegalStateException when not {@link #available()}
     */
    public static int decode(ByteBuffer compressed, int compressedLength, ByteBuffer out, int outLength) {
        if (!available()) {
            throw new IllegalStateException("native XPRESS decoder not available: " + unavailableBecause());
        }
        if (!compressed.isDirect() || !out.isDirect() || compressedLength > compressed.capacity() || outLength > out.capacity()) {
            throw new IllegalArgumentException("direct buffers large enough expected");
        }
        if (!Platform.isWindows()) {
            return Helpers.lockscope_xpress_decode(compressed, compressedLength, out, outLength, 0);
        }
        Pointer space = workspace.get();
        if (space == null) {
            space = new com.sun.jna.Memory(workspaceBytes);
            workspace.set(space);
        }
        IntByReference written = new IntByReference();
        int status = Ntdll.RtlDecompressBufferEx(COMPRESSION_FORMAT_XPRESS, Native.getDirectBufferPointer(out), outLength,
                Native.getDirectBufferPointer(compressed), compressedLength, written, space);
        return status == 0 ? written.getValue() : -1;
    }

    /** native-helpers/xpress.c */
    private static final class Helpers {
        static native int lockscope_xpress_decode(ByteBuffer src, int srcLength, ByteBuffer dst, int dstLength,
                                                  int stopWhenFull);
    }

    /** The two ntdll functions (documented in the Windows driver kit, exported to user mode). */
    private static final class Ntdll {
        static native int RtlGetCompressionWorkSpaceSize(short format, IntByReference bufferWorkspaceSize,
                                                         IntByReference fragmentWorkspaceSize);

        static native int RtlDecompressBufferEx(short format, Pointer uncompressed, int uncompressedSize,
                                                Pointer compressed, int compressedSize, IntByReference finalSize,
                                                Pointer workspace);
    }
}
