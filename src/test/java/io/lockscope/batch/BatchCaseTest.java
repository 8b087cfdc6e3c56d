package io.lockscope.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BatchCaseTest {
    @Test
    void idsAreSafeFolderNamesAndUnique() {
        List<BatchCase> cases = BatchCase.of(List.of(Path.of("in/case-042.zip"), Path.of("other/case-042.tar.gz"),
                Path.of("x/CASE-042"), Path.of("up/..hidden"), Path.of("up/客户 上传.7z"), Path.of("up/a<b>.tgz")));
        assertEquals(List.of("case-042", "case-042-2", "CASE-042-3", "_.hidden", "_____", "a_b_"),
                cases.stream().map(BatchCase::id).toList());
        assertEquals("客户 上传.7z", cases.get(4).name());
    }

    @Test
    void inputHashFollowsNamesAndBytesNotTimes(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("case/logs"));
        Files.writeString(folder.resolve("CBS.log"), "one");
        Files.writeString(dir.resolve("case/b.csv"), "two");
        String first = InputHash.of(dir.resolve("case"));
        assertEquals(64, first.length());

        Files.setLastModifiedTime(folder.resolve("CBS.log"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(first, InputHash.of(dir.resolve("case")), "a timestamp is not content");

        Files.writeString(folder.resolve("CBS.log"), "onE");
        String edited = InputHash.of(dir.resolve("case"));
        assertNotEquals(first, edited);

        Files.move(folder.resolve("CBS.log"), folder.resolve("CBS2.log"));
        assertNotEquals(edited, InputHash.of(dir.resolve("case")), "a renamed file changes the hash");

        // moving bytes from one file into the next does not collide: lengths are hashed too
        Path a = Files.createDirectories(dir.resolve("a"));
        Files.writeString(a.resolve("x"), "ab");
        Files.writeString(a.resolve("y"), "c");
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(b.resolve("x"), "a");
        Files.writeString(b.resolve("y"), "bc");
        assertNotEquals(InputHash.of(a), InputHash.of(b));
    }
}
