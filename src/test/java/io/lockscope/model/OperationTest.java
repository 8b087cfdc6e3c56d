package io.lockscope.model;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationTest {

    @Test
    void everySpellingIsUniqueAndMapsBack() {
        Set<String> seen = new HashSet<>();
        for (Operation op : Operation.values()) {
            if (op == Operation.OTHER) {
                assertNull(op.procmonName());
                continue;
            }
            assertTrue(seen.add(op.procmonName()), "duplicate spelling " + op.procmonName());
            assertEquals(op, Operation.fromProcmonName(op.procmonName()));
        }
    }

    @Test
    void subOperationsInProcmonsSpelling() {
        assertEquals(Operation.QUERY_IO_PRIORITY_HINT, Operation.fromProcmonName("QueryIoPiorityHint"));
        assertEquals(Operation.SET_LABEL_INFORMATION_VOLUME, Operation.fromProcmonName("SetLabelInformationVolume"));
        assertEquals(Operation.QUERY_DEVICE_RELATIONS, Operation.fromProcmonName("QueryDeviceRelations"));
        assertEquals(Operation.NOTIFY_CHANGE_DIRECTORY, Operation.fromProcmonName("NotifyChangeDirectory"));
        assertEquals(Operation.UDP_TCPCOPY, Operation.fromProcmonName("UDP TCPCopy"));
        assertEquals(EventClass.FILE_SYSTEM, Operation.SURPRISE_REMOVAL.eventClass());
        assertEquals(Operation.OTHER, Operation.fromProcmonName("<Unknown>"));
    }
}
