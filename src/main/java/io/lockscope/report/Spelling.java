package io.lockscope.report;

import io.lockscope.model.vocab.FileVocabulary;

/** procmon's spelling of access masks and share modes in reports; "?" where the input did not say. */
public final class Spelling {
    private Spelling() {
    }

    public static String access(int mask) {
        return mask == -1 ? "?" : FileVocabulary.DESIRED_ACCESS.render(mask);
    }

    public static String share(int share) {
        return share == -1 ? "?" : FileVocabulary.SHARE_MODE.render(share);
    }
}
