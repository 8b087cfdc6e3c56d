package io.lockscope.report.render;

import io.lockscope.report.model.Failure;
import io.lockscope.report.model.HoldersReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/** {@code lockscope holders} as indented text: per input, what was open at the moment or each failure's holders. */
public final class HoldersTextRenderer implements Renderer<HoldersReport> {
    /** The role column ("BLOCKING", "ruled out", "filter") is this wide, so the holders line up. */
    private static final int ROLE_WIDTH = 10;

    @Override
    public void render(HoldersReport report, Writer writer) throws IOException {
        Labels labels = Labels.forLanguage(report.lang());
        PrintWriter out = new PrintWriter(writer);
        for (HoldersReport.Input input : report.inputs()) {
            out.println(input.source());
            if (input.at() != null) {
                out.println("  " + labels.format("holders.openAt", input.at().text()));
                input.openAt().forEach(h -> out.println("    " + held(labels, h)));
                if (input.openAt().isEmpty()) {
                    out.println("    " + labels.get("holders.nobody"));
                }
            } else if (input.failures().isEmpty()) {
                out.println("  " + labels.format("holders.noFailure", report.path()));
            }
            input.failures().forEach(f -> failure(out, labels, f));
        }
        out.flush();
    }

    private static void failure(PrintWriter out, Labels labels, HoldersReport.FailureHolders f) {
        out.printf("  %s  %s %s %s -> %s%n", f.t().text(), labels.processWithPid(f.process(), f.pid()), f.operation(),
                f.path(), f.result());
        if (f.requested() != null) {
            out.println("    " + labels.format("holders.asked", f.requested().access(), f.requested().shareMode()));
        }
        if (f.blocking().isEmpty()) {
            out.println("    " + labels.get("holders.blockingNobody"));
        }
        f.blocking().forEach(h -> out.println(role(labels, "holders.blocking") + held(labels, h) + " — " + h.why()));
        f.ruledOut().forEach(h -> out.println(role(labels, "holders.ruledOut") + held(labels, h) + " — " + h.why()));
        for (Failure.FilterDriver d : f.filterDrivers()) {
            String altitude = d.altitude() == null ? "" : " " + labels.format("holders.altitude", d.altitude());
            String frames = d.frames().isEmpty() ? "" : labels.colon() + String.join(labels.comma(), d.frames());
            out.println(role(labels, "holders.filter") + d.driver() + altitude
                    + labels.inParens(labels.code("filterEvidence", d.evidence()) + frames));
        }
    }

    private static String role(Labels labels, String key) {
        return "    " + DisplayWidth.padRight(labels.get(key), ROLE_WIDTH) + " ";
    }

    /** "ntrtscan.exe (pid 1880) handle Generic Read, sharing Read on C:\…\x.dll since …, until … [events 12..40]". */
    private static String held(Labels labels, HoldersReport.Held h) {
        String how = h.access() == null ? h.how() : labels.format("holders.handle", h.access(), h.shareMode());
        String until = h.closedAt() == null ? labels.get("holders.stillOpen") : labels.format("holders.until", h.closedAt().text());
        String line = labels.format("holders.held", labels.processWithPid(h.process(), h.pid()), how, h.path(),
                h.openedAt().text(), until);
        String inferred = h.pairingInferred() ? " (" + labels.get("holders.pairingInferred") + ")" : "";
        String events = " [" + labels.get("holders.events") + " " + h.openEvent() + ".." + (h.closeEvent() < 0 ? "" : h.closeEvent()) + "]";
        return line + inferred + events;
    }
}
