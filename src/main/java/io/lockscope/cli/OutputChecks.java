package io.lockscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks {@code -o} before any work, so that a typo in it costs no minutes of reading and analysis and
 * is a usage error (exit 2), not an exception after the fact.
 */
final class OutputChecks {
    private OutputChecks() {
    }

    /** {@code file} is a file that can be written: its folder exists, it is not a folder itself. */
    static void file(CommandSpec spec, Path file) {
        if (Files.isDirectory(file)) {
            throw usage(spec, "-o " + file + " is a folder; name the file to write");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw usage(spec, "-o " + file + ": the folder " + folder + " does not exist");
        }
        if (Files.exists(file)) {
            // append opens without changing a byte of what is there
            try (var ignored = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                return;
            } catch (IOException | SecurityException e) {
                throw cannotWrite(spec, file);
            }
        }
        try {
            Files.delete(Files.createFile(file));
        } catch (IOException | SecurityException e) {
            throw cannotWrite(spec, file);
        }
    }

    /** {@code folder} is a folder, or can be created as one under its nearest existing ancestor. */
    static void folder(CommandSpec spec, Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw usage(spec, "-o " + folder + ": no part of this path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw usage(spec, "-o " + folder + ": " + (existing.equals(folder.toAbsolutePath()) ? "it is a file, not a folder"
                    : existing + " is a file, not a folder"));
        }
        // a file made and deleted again, not Files.isWritable: access(2) says yes to root on /proc and other
        // virtual file systems, where nothing can be created
        try {
            Files.delete(Files.createTempFile(existing, ".lockscope-", ".probe"));
        } catch (IOException | SecurityException e) {
            throw existing.equals(folder.toAbsolutePath()) ? cannotWrite(spec, folder)
                    : usage(spec, "-o " + folder + " cannot be created: nothing can be written in " + existing
                    + " (permissions, or a read-only or virtual file system)");
        }
    }

    private static CommandLine.ParameterException cannotWrite(CommandSpec spec, Path path) {
        return usage(spec, "-o " + path + " cannot be written (permissions, or a read-only or virtual file system)");
    }

    private static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
