package io.lockscope.model.servicing;

/**
 * A {@code !!!} (error) or {@code !} (warning) line of setupapi.dev.log (windows-driver-docs
 * {@code format-of-a-text-log-section-body.md}).
 *
 * @param category the event category without its colon ({@code flq}, {@code sto}, {@code idb} …), null when absent
 * @param code     the error code the message carries ({@code Error = 0x00000003}, {@code Error 32:},
 *                 {@code exit(0x000003f1)}, {@code (00000003)}), null when none
 * @param inf      the driver package being processed when the line was written, null outside one
 */
public record SetupapiProblem(boolean error, String category, String message, Integer code, String inf, long line) {
}
