package io.lockscope.analysis;

import io.lockscope.model.ProcessInfo;

/**
 * What is known about drivers and agent processes: the knowledge base behind vendor, product,
 * altitude and load-order group. Answers null when it does not know — never a guess.
 */
public interface Attribution {

    /**
     * A file-system filter driver.
     *
     * @param altitude as allocated ("328510", may be fractional)
     * @param vendor   normalised vendor ("Trend Micro"), null when unknown
     */
    record Driver(String fileName, String altitude, String group, String company, String vendor, boolean microsoft) {
    }

    /** @param product null when only the vendor is known */
    record Vendor(String vendor, String product) {
    }

    /** The filter driver named {@code fileName} ("tmevtmgr.sys"), or null when not known. */
    Driver driver(String fileName);

    /** Vendor and product of a process, from its name, company or image path; null when unknown. */
    Vendor vendorOf(ProcessInfo process);

    /** Whether a module (by file name and file company) ships with Windows. */
    boolean isMicrosoft(String moduleFileName, String company);
}
