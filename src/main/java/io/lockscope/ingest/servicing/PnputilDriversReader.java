package io.lockscope.ingest.servicing;

import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.ServicingFacts;

/**
 * {@code pnputil /enum-drivers} (and the older {@code pnputil -e}) output (servicing.md §2.4):
 * {@code Published Name: oem3.inf / Original Name: … / Provider Name: … / Class Name: … /
 * Driver Version: 06/21/2006 10.0.17763.1 / Signer Name: …} blocks, older builds spelling them
 * {@code Published name :}, {@code Driver package provider :}, {@code Driver date and version :}.
 */
public final class PnputilDriversReader extends LineLogReader {
    @Override
    public InputFormat format() {
        return InputFormat.DRIVER_LIST;
    }

    @Override
    public String kind() {
        return "pnputil /enum-drivers";
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        for (String line : HeadText.lines(head, length, 40)) {
            String l = line.strip();
            if (l.startsWith("Microsoft PnP Utility") || l.startsWith("Original Name")
                    || l.startsWith("Driver package provider")) {
                return true;
            }
        }
        return false;
    }

    @Override
    LineParser newParser(String displayName, ReadReport report) {
        DriverListParser drivers = new DriverListParser();
        return new LineParser() {
            @Override
            public boolean line(String text, long number, boolean cut) {
                return text.strip().startsWith("Microsoft PnP Utility") || drivers.line(text);
            }

            @Override
            public ServicingFacts finish() {
                return drivers.finish();
            }
        };
    }
}
