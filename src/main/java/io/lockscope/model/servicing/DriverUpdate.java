package io.lockscope.model.servicing;

/**
 * One package in a {@code [Stage Driver Updates]} or {@code [Install Driver Updates]} section, in the
 * order the section processed it (servicing.md §0 item 1, §1.3).
 *
 * @param inf                  the INF file name ({@code oposdrv.inf})
 * @param path                 the package path the {@code {Stage|Publish Driver Package: …}} line names
 * @param activePackageChanged true when the section changed the active package of this INF
 *                             ({@code idb: Changing active driver package from … to …}, or for staging a
 *                             new import rather than {@code Driver package already imported}), or failed
 *                             while trying
 * @param exitCode             the operation's {@code exit(0x…)} value, null when not logged
 */
public record DriverUpdate(String inf, String path, boolean activePackageChanged, Integer exitCode, long line) {
    public boolean failed() {
        return exitCode != null && exitCode != 0;
    }
}
