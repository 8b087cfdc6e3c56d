package io.lockscope.model.servicing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PackageOrderTest {
    private static List<String> packages(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("p" + i + ".inf");
        }
        return out;
    }

    @Test
    void shortListsAreShownWhole() {
        assertEquals("p1.inf → p2.inf → p3.inf", PackageOrder.shortened(packages(3), "p2.inf"));
    }

    @Test
    void longListsShowTheFirstTenTheFailingOneAndTheCount() {
        assertEquals("p1.inf → p2.inf → p3.inf → p4.inf → p5.inf → p6.inf → p7.inf → p8.inf → p9.inf → p10.inf"
                + " → … → P57.inf (#57) → … (297)", PackageOrder.shortened(upper57(packages(297)), "p57.inf"));
        assertEquals("p1.inf → p2.inf → p3.inf → p4.inf → p5.inf → p6.inf → p7.inf → p8.inf → p9.inf → p10.inf"
                + " → … (297)", PackageOrder.shortened(packages(297), "p3.inf"));
        assertEquals("p1.inf → p2.inf → p3.inf → p4.inf → p5.inf → p6.inf → p7.inf → p8.inf → p9.inf → p10.inf"
                + " → … → p20.inf (#20) (20)", PackageOrder.shortened(packages(20), "p20.inf"));
    }

    private static List<String> upper57(List<String> order) {
        order.set(56, "P57.inf");
        return order;
    }
}
