package io.lockscope.model.detail;

import io.lockscope.model.StringPool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DetailCodecTest {

    @Test
    void fileInformationDetailsSurviveThePackedColumns() {
        StringPool strings = new StringPool();
        DetailCodec codec = new DetailCodec(strings, DetailCodec.newRichList());
        List<Detail> details = List.of(
                new FileMappingDetail(1, 0x220),
                new FileMappingDetail(0, -1),
                new FileTimesDetail("1/1/1601 12:00:00 AM", "7/10/2020 6:53:37 PM", "12/13/2017 11:46:24 AM",
                        "7/11/2020 3:51:59 PM", 0x2020),
                new StandardInfoDetail(249_856, 1L << 40, 2, true, false),
                new StandardInfoDetail(0, 0, 1, false, true),
                new NetworkOpenDetail("7/11/2020 3:46:54 PM", "7/12/2020 1:17:38 AM", "", "7/12/2020 1:17:38 AM",
                        5_000_000_000L, 4_999_999_999L, 0x2020));
        int[] kinds = {DetailCodec.MAPPING, DetailCodec.MAPPING, DetailCodec.FILE_TIMES, DetailCodec.STANDARD_INFO,
                DetailCodec.STANDARD_INFO, DetailCodec.NETWORK_OPEN};
        DetailCodec.Packed packed = new DetailCodec.Packed();
        for (int i = 0; i < details.size(); i++) {
            codec.pack(details.get(i), packed);
            assertEquals(kinds[i], packed.kind);
            assertEquals(details.get(i), codec.unpack(packed.kind, packed.a, packed.b, packed.c, packed.d));
        }
    }
}
