package io.lockscope.rules;

import io.lockscope.analysis.Attribution;
import io.lockscope.model.ProcessInfo;

import java.util.Locale;
import java.util.Set;

/** A tiny knowledge base for analysis tests: Trend Micro's agent and filter, and a few inbox modules. */
final class StubAttribution implements Attribution {
    static final StubAttribution INSTANCE = new StubAttribution();
    private static final Set<String> INBOX = Set.of("fltmgr.sys", "ntfs.sys", "ntoskrnl.exe", "wdfilter.sys");

    @Override
    public Driver driver(String fileName) {
        return fileName.equalsIgnoreCase("tmevtmgr.sys")
                ? new Driver("tmevtmgr.sys", "328510", "FSFilter Anti-Virus", "Trend Micro Inc.", "Trend Micro", false)
                : null;
    }

    @Override
    public Vendor vendorOf(ProcessInfo process) {
        return process.name().equalsIgnoreCase("ntrtscan.exe") ? new Vendor("Trend Micro", "Apex One") : null;
    }

    @Override
    public boolean isMicrosoft(String moduleFileName, String company) {
        return INBOX.contains(moduleFileName.toLowerCase(Locale.ROOT));
    }
}
