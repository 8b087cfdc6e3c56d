package io.lockscope.rules;

/**
 * What to do about one culprit, by the kind of holder it is: advice that blames the right software.
 * A WMI provider host or the search indexer opening a driver file is not anti-virus, and the
 * servicing stack's own handle is a servicing problem, not a third party's.
 */
public enum Advice {
    /** A security product the knowledge base knows: its exclusions, maintenance mode or removal. */
    SECURITY_PRODUCT,
    /** Microsoft Defender's engine (MsMpEng.exe): Defender exclusions. */
    DEFENDER,
    /** WmiPrvSE.exe: a WMI client or provider queries the file; find which and stop it. */
    WMI_PROVIDER,
    /** Windows Search indexing the file. */
    SEARCH_INDEXER,
    /** The servicing stack's own earlier handle: a servicing problem, not a third party. */
    SERVICING_STACK,
    /** Another Windows component: what makes it open the file. */
    WINDOWS_COMPONENT,
    /** A process that mapped the file (image or data section): stop it before retrying. */
    STOP_MAPPING_PROCESS,
    /** A third party the knowledge base does not know: identify the product and ask its vendor. */
    UNKNOWN_THIRD_PARTY,
    /** A filter driver that denied the I/O: its vendor's exclusions. */
    FILTER_VENDOR;

    /** The message key of the advice (report/messages*.properties). */
    public String key() {
        return "advice." + name();
    }
}
