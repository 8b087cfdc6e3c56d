package io.lockscope.format.procmon.pml;

import io.lockscope.model.Operation;
import org.junit.jupiter.api.Test;

import static io.lockscope.format.procmon.pml.PmlOperations.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PmlOperationsTest {
    private final PmlOperations operations = new PmlOperations();

    @Test
    void unnamedSubOperationIsTypedByItsMajorFunction() {
        PmlOperations.Name set = operations.name(CLASS_FILE_SYSTEM, FS_SET_INFORMATION, 0x4B);
        assertEquals(Operation.SET_INFORMATION_FILE, set.operation());
        assertEquals("<Unknown>", set.text());
        PmlOperations.Name query = operations.name(CLASS_FILE_SYSTEM, FS_QUERY_INFORMATION, 0x46);
        assertEquals(Operation.QUERY_INFORMATION_FILE, query.operation());
        assertEquals("<Unknown>", query.text());
        assertEquals(Operation.SET_DISPOSITION_INFORMATION_FILE,
                operations.name(CLASS_FILE_SYSTEM, FS_SET_INFORMATION, INFO_DISPOSITION).operation());
    }

    @Test
    void anUnnamedSubOperationIsWrittenBackUnderItsMajor() {
        PmlOperations.Code code = PmlOperations.code(Operation.SET_INFORMATION_FILE, "<Unknown>");
        assertEquals(FS_SET_INFORMATION, code.operation());
        PmlOperations.Name back = operations.name(code.eventClass(), code.operation(), code.subOperation());
        assertEquals(Operation.SET_INFORMATION_FILE, back.operation());
        assertEquals("<Unknown>", back.text());
        assertEquals(new PmlOperations.Code(CLASS_FILE_SYSTEM, FS_SET_INFORMATION, 0, false),
                PmlOperations.code(Operation.SET_INFORMATION_FILE, null), "spelled as the major itself");
        assertEquals(PmlOperations.code("<Unknown>"), PmlOperations.code(Operation.OTHER, "<Unknown>"));
    }
}
