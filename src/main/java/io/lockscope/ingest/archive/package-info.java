/**
 * Uploaded case archives: zip (zip inside zip too), 7z, tar, tar.gz and cab, recognised by their first
 * bytes ({@link io.lockscope.ingest.archive.ArchiveFormat}) and expanded, under
 * {@link io.lockscope.ingest.archive.ArchiveLimits} against hostile uploads, by
 * {@link io.lockscope.ingest.archive.ArchiveExpander#expand}. {@link io.lockscope.ingest.CaseInputs}
 * reads the expanded files like those of a case folder. Read with Apache Commons Compress (and
 * org.tukaani:xz for 7z); cabinets, which Commons Compress cannot read, by our own pure-Java
 * {@code Cabinet} reader (stored, MSZIP, and LZX through {@code LzxDecoder}).
 */
package io.lockscope.ingest.archive;
