package io.lockscope.model.detail;

/**
 * CreateFileMapping (IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION): {@code SyncType: …[, PageProtection: …]}.
 *
 * @param syncType       FS_FILTER_SECTION_SYNC_TYPE: 0 SyncTypeOther, 1 SyncTypeCreateSection
 * @param pageProtection PAGE_* protection as procmon named it, -1 when procmon shows none
 */
public record FileMappingDetail(int syncType, int pageProtection) implements Detail {
    /** FS_FILTER_SECTION_SYNC_TYPE SyncTypeCreateSection: the acquire for creating a section. */
    public static final int SYNC_TYPE_CREATE_SECTION = 1;
}
