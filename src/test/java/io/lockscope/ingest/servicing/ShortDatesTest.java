package io.lockscope.ingest.servicing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShortDatesTest {
    @ParameterizedTest
    @CsvSource(value = {
            "3/24/2009, 2009-03-24",
            "29/10/2011, 2011-10-29",
            "2006. 06. 21., 2006-06-21",
            "2021-06-07, 2021-06-07",
            "2021/6/7, 2021-06-07",
            "07.06.2021, 2021-06-07",
            "5/5/2020, 2020-05-05",
            "06/07/2021, null",
            "13/13/2020, null",
            "31.02.2020, null",
            "yesterday, null"}, nullValues = "null")
    void onlyUnambiguousDates(String text, LocalDate expected) {
        assertEquals(expected, ShortDates.parse(text));
    }
}
