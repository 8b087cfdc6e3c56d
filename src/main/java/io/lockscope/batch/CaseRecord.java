package io.lockscope.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --resume} needs to skip a case: stored as {@code cases/<id>/case.json} after the case's
 * reports, so a case interrupted before it is complete has no record and is analysed again.
 *
 * @param inputHash   {@link InputHash} of the inputs that were analysed
 * @param toolVersion the lockscope version that analysed them (another version analyses again)
 * @param formats     the report formats written
 * @param lang        the language of the reports (null in a record of a version that did not store it)
 * @param row         the case's summary row
 */
record CaseRecord(String inputHash, String toolVersion, List<String> formats, String lang, CaseSummary row) {
    static final String FILE = "case.json";
    private static final JsonFactory JSON = new JsonFactory();

    CaseRecord {
        formats = List.copyOf(formats);
    }

    /** Written to a temporary file and moved into place, so that a record is whole or absent. */
    void write(Path caseDir) throws IOException {
        Path temporary = caseDir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
             JsonGenerator g = JSON.createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("inputHash", inputHash);
            g.writeStringField("toolVersion", toolVersion);
            g.writeArrayFieldStart("formats");
            for (String f : formats) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeStringField("lang", lang);
            g.writeFieldName("row");
            row.write(g);
            g.writeEndObject();
        }
        Files.move(temporary, caseDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The record stored in {@code caseDir}, or null when there is none or it cannot be read. */
    static CaseRecord read(Path caseDir) {
        Path file = caseDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String hash = null;
            String version = null;
            List<String> formats = new ArrayList<>();
            String lang = null;
            CaseSummary row = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "inputHash" -> hash = p.getValueAsString();
                    case "toolVersion" -> version = p.getValueAsString();
                    case "formats" -> {
                        while (value == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_STRING) {
                            formats.add(p.getText());
                        }
                    }
                    case "lang" -> lang = p.getValueAsString();
                    case "row" -> row = CaseSummary.read(p);
                    default -> p.skipChildren();
                }
            }
            return hash == null || version == null || row == null ? null : new CaseRecord(hash, version, formats, lang, row);
        } catch (IOException e) {
            return null; // a damaged record only means that the case is analysed again
        }
    }
}
