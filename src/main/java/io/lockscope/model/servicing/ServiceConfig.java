package io.lockscope.model.servicing;

/**
 * One {@code SERVICE_NAME:} block of {@code sc qc} / {@code sc query} output (servicing.md §6.4). The
 * labels stay English on localized systems; fields a block does not print are null.
 *
 * @param type      the numeric service type (2 = FILE_SYSTEM_DRIVER)
 * @param typeName  its name as printed ({@code FILE_SYSTEM_DRIVER})
 * @param state     {@code RUNNING}, {@code STOPPED} … ({@code sc query})
 * @param startType {@code BOOT_START}, {@code SYSTEM_START} … ({@code sc qc})
 */
public record ServiceConfig(String name, Integer type, String typeName, String state, String startType,
                            String binaryPath, String loadOrderGroup, String displayName, String dependencies) {
    /** Whether this is a file-system driver service (where minifilters live). */
    public boolean isFileSystemDriver() {
        return type != null && type == 2;
    }
}
