package io.lockscope.model.detail;

/**
 * RegSetValue / RegQueryValue / RegEnumValue.
 *
 * @param index  RegEnumValue index, else -1
 * @param name   RegEnumValue value name, else null
 * @param type   REG_* type number, -1 when absent (a failed query shows only Length)
 * @param length data length in bytes, -1 when absent
 * @param data   data as procmon renders it (REG_BINARY: first 16 bytes as hex), null when absent
 */
public record RegValueDetail(int index, String name, int type, long length, String data) implements Detail {
}
