package io.lockscope.analysis;

import io.lockscope.analysis.DriverPackagePaths.Kind;
import io.lockscope.analysis.DriverPackagePaths.Match;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DriverPackagePathsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll | DRIVER_STORE | oposdrv.inf",
            "c:\\windows\\system32\\driverstore\\filerepository\\OposDrv.INF_amd64_313106b94d0b5742 | DRIVER_STORE | oposdrv.inf",
            "C:\\Windows\\WinSxS\\amd64_dual_oposdrv.inf_31bf3856ad364e35_10.0.19041.1_none_0123456789abcdef\\oposdrv.sys | WINSXS | oposdrv.inf",
            "C:\\Windows\\INF\\oem12.inf | PUBLISHED_INF | oem12.inf",
            "C:\\Windows\\inf\\oem12.PNF | PUBLISHED_INF | oem12.inf",
            "HKLM\\DRIVERS\\DriverDatabase\\DriverPackages\\oposdrv.inf_amd64_313106b94d0b5742\\Properties | DRIVER_DATABASE_KEY | oposdrv.inf",
            "HKLM\\System\\DriverDatabase\\DriverInfFiles\\oposdrv.inf | DRIVER_DATABASE_KEY | oposdrv.inf",
            "HKLM\\DRIVERS\\DriverDatabase | DRIVER_DATABASE_KEY | -",
            "C:\\Windows\\System32\\config\\DRIVERS.LOG1 | DRIVERS_HIVE_FILE | -",
            "C:\\Windows\\System32\\config\\TxR\\{53b39e88-18c4-11ea-a811-000d3aa4692b}.TxR.blf | TRANSACTION_LOG | -",
            "hklm\\drivers | DRIVERS_HIVE_KEY | -"})
    void everyKindOfDriverObjectInAnyCase(String path, Kind kind, String inf) {
        Match m = DriverPackagePaths.classify(path);
        assertEquals(kind, m.kind(), path);
        assertEquals(inf, m.inf(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\Windows\\System32\\drivers\\oposdrv.sys", "C:\\Program Files\\Trend Micro\\INFO\\a.inf",
            "HKLM\\DRIVERS2", "C:\\Windows\\System32\\config\\SOFTWARE", "C:\\DriverStore\\oposdrv.inf_amd64_313106b94d0b5742",
            "HKLM\\System\\CurrentControlSet\\Services\\oposdrv", ""})
    void otherPathsAreNoDriverObjects(String path) {
        assertNull(DriverPackagePaths.classify(path), path);
    }
}
