package io.lockscope.model.detail;

/** SetRenameInformationFile (/Ex) and SetLinkInformationFile: the new name. */
public record RenameDetail(boolean replaceIfExists, String target) implements Detail {
}
