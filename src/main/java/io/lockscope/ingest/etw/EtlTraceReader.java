package io.lockscope.ingest.etw;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.TraceReader;
import io.lockscope.ingest.WriteBehind;
import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.etl.EtlStats;
import io.lockscope.ingest.etw.etl.LogfileHeader;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.Truncation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Reads a binary ETW trace (.etl, e.g. a WPR boot trace) in pure Java into the model: UTC FILETIMEs,
 * process instances with their modules, FileIo and Registry operations in procmon terms, every other
 * kernel event by its TraceEvent name. Recognised by its first buffer, never by its file name.
 *
 * <p>Two passes over the file: the first collects the name rundowns that come at the end of a trace,
 * the volume map, kernel modules and stacks ({@link EtlPrepass}) — a scan of the buffers on every
 * thread the options allow where the file permits one ({@link EtlReader#scan}: buffers each in time
 * order, no malformed record, compressed ones decompressing to what they declare), else a read in time
 * order — the second writes the events and completes each FileIo request when its OperationEnd comes
 * ({@link EtlModelWriter}), on a second thread behind the one that reads and decodes the records when
 * the options allow more than one thread ({@link WriteBehind}).
 */
public final class EtlTraceReader implements TraceReader {
    @Override
    public InputFormat format() {
        return InputFormat.ETL;
    }

    @Override
    public Confidence confidence() {
        return Confidence.SIGNATURE;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        return EtlReader.looksLikeEtl(head, length);
    }

    @Override
    public Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException {
        TraceBuilder builder = options.newTraceBuilder(displayName, InputFormat.ETL);
        boolean helpers = options.threads() > 1;
        // a decompressing helper pays only with a core of its own: on two, the reading and the writing
        // threads take both, and handing decompressed bytes across cores cost more CPU than it saved
        // (README › Performance, 7 December 2026, 04:00)
        boolean decompressAhead = options.threads() > 2;
        try (EtlReader reader = EtlReader.open(file, displayName, builder.report(), decompressAhead)) {
            LogfileHeader header = reader.header();
            builder.timeBase(TimeBase.UTC, zoneOf(header, options));
            EtlPrepass prepass = new EtlPrepass();
            long bytes = Files.size(file);
            LongConsumer firstPass = options.progress().pass(0, 2, bytes);
            long possible = reader.scan(EtlPrepass::mayBeEvent, EtlPrepass::learnsFrom, prepass::learn,
                    options.threads(), firstPass);
            if (possible >= 0) {
                prepass.possibleEvents = possible;
                int scanThreads = reader.scanThreads(options.threads());
                if (scanThreads > 1) {
                    builder.report().decodedWith("ETL first pass", scanThreads + " threads, buffers in file order");
                }
            } else {
                reader.read(prepass::visit, firstPass);
            }
            builder.expectEvents(prepass.possibleEvents);
            EtlModelWriter writer = new EtlModelWriter(displayName, builder, header, prepass);
            Map<UUID, String> skipReasons = new HashMap<>();
            try (WriteBehind<DecodedBatch> pass = new WriteBehind<>("lockscope-etl-write " + displayName,
                    () -> new DecodedBatch(skipReasons), writer::write, helpers)) {
                reader.read(r -> {
                    pass.filling().add(r, displayName);
                    pass.handOverIfFull();
                }, options.progress().pass(1, 2, bytes));
                pass.finish();
            }
            writer.finish();
            if (reader.stats().compressedBuffers() > 0) {
                builder.report().decodedWith("XPRESS", reader.xpressDecoder());
            }
            reportBufferFlags(displayName, reader.stats(), builder);
            reportCut(reader.stats(), header, bytes, builder);
        }
        return builder.build();
    }

    /**
     * The capture machine's offset: the user's --tz, else the logfile header's time zone at the start
     * of the trace, daylight time included.
     */
    private static ZoneOffset zoneOf(LogfileHeader header, ReadOptions options) {
        return options.zone() != null ? options.zone() : header.timeZone().offsetAt(header.startTime());
    }

    /**
     * A file that ends inside a buffer was cut short; so was one that ends between two buffers with fewer
     * buffers than the logfile header, written when the session stopped, counts (a cut on a buffer
     * boundary, unless the log is circular and overwrote its own buffers). The buffers missing times the
     * records of an average whole buffer estimate the loss. Without that count only the cut buffer is
     * known lost, so at least one record.
     */
    private static void reportCut(EtlStats stats, LogfileHeader header, long fileSize, TraceBuilder builder) {
        long whole = stats.buffers() - stats.truncatedBuffers();
        long missing = header.circular() ? 0 : Integer.toUnsignedLong(header.buffersWritten()) - whole;
        // on a boundary the buffers stop where the file does, or where an unreadable tail begins
        long cutAt = stats.cutAt() >= 0 ? stats.cutAt()
                : missing > 0 ? fileSize - stats.unreadableTailBytes() : -1;
        if (cutAt < 0) {
            return;
        }
        long perBuffer = whole == 0 ? 0 : stats.records() / whole;
        builder.report().truncated(missing > 0 && perBuffer > 0
                ? new Truncation(Truncation.Unit.BYTE, cutAt, missing * perBuffer, false)
                : new Truncation(Truncation.Unit.BYTE, cutAt, 1, true));
    }

    private static void reportBufferFlags(String name, EtlStats stats, TraceBuilder builder) {
        if (stats.buffersFlaggedEventsLost() > 0) {
            builder.report().warn(name + ": " + stats.buffersFlaggedEventsLost()
                    + " buffers are flagged EVENTS_LOST: the logger dropped events while filling them");
        }
        if (stats.buffersFlaggedBufferLost() > 0) {
            builder.report().warn(name + ": " + stats.buffersFlaggedBufferLost()
                    + " buffers are flagged BUFFER_LOST: buffers before them were lost");
        }
        if (stats.outOfOrderRecords() > 0) {
            builder.report().warn(name + ": " + stats.outOfOrderRecords()
                    + " records are earlier than the record before them (unsorted buffers); kept in buffer order");
        }
    }
}
