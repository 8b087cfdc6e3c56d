package io.lockscope.analysis.kb;

import io.lockscope.analysis.Attribution;
import io.lockscope.model.ProcessInfo;

/** The knowledge base seen through what the analysis asks of it. */
public final class KnowledgeAttribution implements Attribution {
    private final KnowledgeBase kb;

    public KnowledgeAttribution(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** The standard knowledge base shipped with lockscope. */
    public static KnowledgeAttribution standard() {
        return new KnowledgeAttribution(KnowledgeBase.standard());
    }

    @Override
    public Driver driver(String fileName) {
        KnownFilter f = kb.filterByDriver(fileName);
        if (f == null) {
            return null;
        }
        boolean microsoft = kb.isMicrosoftModule(fileName, f.company());
        return new Driver(f.driver(), f.altitude(), f.group(), f.company(), f.vendor(), microsoft);
    }

    @Override
    public Vendor vendorOf(ProcessInfo process) {
        VendorMatch m = kb.vendorForProcess(process.name(), process.company(), process.imagePath());
        return m == null ? null : new Vendor(m.vendor(), m.product());
    }

    @Override
    public boolean isMicrosoft(String moduleFileName, String company) {
        return kb.isMicrosoftModule(moduleFileName, company);
    }
}
