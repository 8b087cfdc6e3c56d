package io.lockscope.model.detail;

/**
 * The typed part of an event's procmon "Detail" column, one record per operation family. Readers
 * produce them; {@link DetailCodec} packs them into the event store's primitive columns, so a
 * Detail object exists only while an event is written or looked at.
 *
 * <p>Conventions: a field procmon did not show is -1 for numbers and null for text.
 */
public sealed interface Detail
        permits Detail.None, Detail.Text, CreateFileDetail, IoDetail, LockDetail, DispositionDetail,
                RenameDetail, SizeDetail, RegKeyDetail, RegValueDetail, ProcessDetail, FileMappingDetail,
                FileTimesDetail, StandardInfoDetail, NetworkOpenDetail, HandleDetail, FilterDetail, DirectoryDetail {

    /** An empty Detail column (CloseFile, RegCloseKey, …). */
    record None() implements Detail {
        public static final None INSTANCE = new None();
    }

    /** A Detail lockscope does not decode into fields, kept verbatim. */
    record Text(String text) implements Detail {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text is null");
            }
        }
    }
}
