package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.detail.SizeDetail;

import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small test oracle for typed details while the full Detail grammar
 * ({@code DetailFormat.parse}) is not available: it pulls the numeric and boolean fields of each
 * family out of procmon's CSV text by key, so the reader's typed values can be compared with what
 * procmon showed. Bit-mask renderings (access, options, attributes) are left to DetailFormat.
 */
final class CsvDetailFields {
    private CsvDetailFields() {
    }

    /** The key fields of {@code d} as "key=value" pairs, in the order {@link #expected} extracts them. */
    static String actual(Detail d) {
        StringJoiner j = new StringJoiner(" ");
        if (d instanceof IoDetail io) {
            j.add("Offset=" + io.offset()).add("Length=" + io.length());
        } else if (d instanceof LockDetail l) {
            if (l.hasFlags()) {
                j.add("Exclusive=" + bool(l.exclusive()));
            }
            j.add("Offset=" + l.offset()).add("Length=" + l.length());
            if (l.hasFlags()) {
                j.add("Fail Immediately=" + bool(l.failImmediately()));
            }
        } else if (d instanceof SizeDetail s) {
            j.add("Size=" + s.size());
        } else if (d instanceof DispositionDetail dd) {
            j.add("Delete=" + bool(dd.delete()));
        } else if (d instanceof RenameDetail r) {
            j.add("ReplaceIfExists=" + bool(r.replaceIfExists())).add("FileName=" + r.target());
        } else if (d instanceof CreateFileDetail c) {
            j.add("Disposition=" + List.of("Supersede", "Open", "Create", "OpenIf", "Overwrite", "OverwriteIf")
                    .get(c.disposition()));
            j.add("AllocationSize=" + (c.allocationSize() < 0 ? "n/a" : Long.toString(c.allocationSize())));
            if (c.openResult() >= 0) {
                j.add("OpenResult=" + List.of("Superseded", "Opened", "Created", "Overwritten", "Exists",
                        "DoesNotExist").get(c.openResult()));
            }
        } else if (d instanceof RegKeyDetail k) {
            if (k.disposition() > 0) {
                j.add("Disposition=" + (k.disposition() == 1 ? "REG_CREATED_NEW_KEY" : "REG_OPENED_EXISTING_KEY"));
            }
        } else if (d instanceof RegValueDetail v) {
            if (v.index() >= 0) {
                j.add("Index=" + v.index());
            }
            if (v.name() != null) {
                j.add("Name=" + v.name());
            }
            if (v.length() >= 0) {
                j.add("Length=" + v.length());
            }
            if (v.data() != null) {
                j.add("Data=" + v.data());
            }
        }
        return j.toString();
    }

    static String expected(Detail d, String csv) {
        StringJoiner j = new StringJoiner(" ");
        if (d instanceof IoDetail) {
            j.add("Offset=" + number(csv, "Offset")).add("Length=" + number(csv, "Length"));
        } else if (d instanceof LockDetail l) {
            if (l.hasFlags()) {
                j.add("Exclusive=" + field(csv, "Exclusive"));
            }
            j.add("Offset=" + number(csv, "Offset")).add("Length=" + number(csv, "Length"));
            if (l.hasFlags()) {
                j.add("Fail Immediately=" + field(csv, "Fail Immediately"));
            }
        } else if (d instanceof SizeDetail) {
            String v = field(csv, "EndOfFile");
            j.add("Size=" + (v != null ? v : field(csv, "AllocationSize")).replace(",", ""));
        } else if (d instanceof DispositionDetail) {
            j.add("Delete=" + field(csv, "Delete"));
        } else if (d instanceof RenameDetail) {
            j.add("ReplaceIfExists=" + field(csv, "ReplaceIfExists")).add("FileName=" + rest(csv, "FileName"));
        } else if (d instanceof CreateFileDetail) {
            j.add("Disposition=" + field(csv, "Disposition"));
            j.add("AllocationSize=" + field(csv, "AllocationSize").replace(",", ""));
            if (field(csv, "OpenResult") != null) {
                j.add("OpenResult=" + field(csv, "OpenResult"));
            }
        } else if (d instanceof RegKeyDetail) {
            if (field(csv, "Disposition") != null) {
                j.add("Disposition=" + field(csv, "Disposition"));
            }
        } else if (d instanceof RegValueDetail) {
            if (field(csv, "Index") != null) {
                j.add("Index=" + number(csv, "Index"));
            }
            if (field(csv, "Name") != null) {
                j.add("Name=" + field(csv, "Name"));
            }
            if (field(csv, "Length") != null) {
                j.add("Length=" + number(csv, "Length"));
            }
            if (csv.contains("Data: ")) {
                j.add("Data=" + rest(csv, "Data"));
            }
        }
        return j.toString();
    }

    private static String bool(boolean b) {
        return b ? "True" : "False";
    }

    private static String number(String csv, String key) {
        String v = field(csv, key);
        return v == null ? null : v.replace(",", "");
    }

    /** The value of {@code key}: up to the next ", Word: " or the end (numbers keep their commas). */
    private static String field(String csv, String key) {
        Matcher m = Pattern.compile("(?:^|, )" + Pattern.quote(key) + ": ((?:[^,]|,(?! [A-Z][\\w /]*: ))*)")
                .matcher(csv);
        return m.find() ? m.group(1) : null;
    }

    /** Everything after "key: " (the last field of its detail). */
    private static String rest(String csv, String key) {
        int at = csv.indexOf(key + ": ");
        return at < 0 ? null : csv.substring(at + key.length() + 2);
    }
}
