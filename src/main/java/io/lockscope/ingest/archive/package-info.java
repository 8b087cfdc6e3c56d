/**
 * Uploaded case archives: zip (zip inside zip too), 7z, tar and tar.gz, recognised by their first
 * bytes ({@link io.lockscope.ingest.archive.ArchiveFormat}) and expanded, under
 * {@link io.lockscope.ingest.archive.ArchiveLimits} against hostile uploads, by
 * {@link io.lockscope.ingest.archive.ArchiveExpander#expand}. {@link io.lockscope.ingest.CaseInputs}
 * reads the expanded files like those of a case folder. Read with Apache Commons Compress (and
 * org.tukaani:xz for 7z); CAB is recognised and refused, as Commons Compress cannot read it.
 */
package io.lockscope.ingest.archive;
