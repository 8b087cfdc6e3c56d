package io.lockscope.kit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's WPR profile: well-formed, with the providers, keywords and stacks the diagnosis reads, and
 * spelled like Microsoft's own published profiles (microsoft/MSO-Scripts, in ../shared/corpus).
 */
class WprProfileTest {
    private static final Path PUBLIC_PROFILES = Path.of("../shared/corpus/etw/mso-scripts");

    /** What the diagnosis reads: processes and images, file I/O with names, registry, handles, minifilter I/O. */
    private static final Set<String> REQUIRED_KEYWORDS = Set.of("ProcessThread", "Loader", "FileIOInit", "FileIO",
            "Filename", "Registry", "Handle", "FilterIOInit", "FilterIO", "FilterIOFailure");
    /** Stacks on creates, set-information and registry writes: the frames that name a blocking filter. */
    private static final Set<String> REQUIRED_STACKS = Set.of("FileCreate", "FileSetInformation", "RegistryCreateKey",
            "RegistryOpenKey", "RegistrySetValue", "RegistryDeleteKey", "RegistryDeleteValue", "MiniFilterPreOpInit");

    @Test
    void isWellFormedWithTheRequiredKeywordsAndStacks() throws Exception {
        Document profile = parse(CaptureKit.class.getResourceAsStream(CaptureKit.PROFILE));
        assertEquals("WindowsPerformanceRecorder", profile.getDocumentElement().getTagName());
        assertTrue(values(profile, "Keyword").containsAll(REQUIRED_KEYWORDS), () -> "keywords " + values(profile, "Keyword"));
        assertTrue(values(profile, "Stack").containsAll(REQUIRED_STACKS), () -> "stacks " + values(profile, "Stack"));
    }

    @Test
    void theProfileCollectScriptArmsIsAFileModeProfileWhoseCollectorsAreDeclared() throws Exception {
        Document profile = parse(CaptureKit.class.getResourceAsStream(CaptureKit.PROFILE));
        NodeList profiles = profile.getElementsByTagName("Profile");
        assertEquals(1, profiles.getLength());
        Element p = (Element) profiles.item(0);
        String id = p.getAttribute("Name") + "." + p.getAttribute("DetailLevel") + "." + p.getAttribute("LoggingMode");
        assertEquals(id, p.getAttribute("Id"), "WPR profile ids are Name.DetailLevel.LoggingMode");
        assertEquals("File", p.getAttribute("LoggingMode"), "boot traces record to a file");
        String script = CaptureKit.render("collect.cmd.peb", new CaptureKit.Options(null, "en", null, "test"));
        assertTrue(script.contains("set \"LS_PROFILE=%~dp0" + CaptureKit.PROFILE + "\""), script);
        assertTrue(script.contains("-addboot \"%LS_PROFILE%!" + p.getAttribute("Name") + "." + p.getAttribute("DetailLevel")
                + "\" -filemode"), "collect.cmd arms this profile in file mode");
        assertTrue(ids(profile, "SystemCollector").containsAll(values(profile, "SystemCollectorId")));
        assertTrue(ids(profile, "SystemProvider").containsAll(values(profile, "SystemProviderId")));
    }

    @Test
    void everyElementKeywordAndStackNameIsOneMicrosoftsPublicProfilesUse() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(PUBLIC_PROFILES), "../shared/corpus is absent: skipped");
        Set<String> elements = new HashSet<>();
        Set<String> keywords = new HashSet<>();
        Set<String> stacks = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(PUBLIC_PROFILES)) {
            files = s.filter(f -> f.toString().endsWith(".wprp")).toList();
        }
        assertTrue(files.size() >= 3, "the corpus holds MSO-Scripts' profiles");
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                Document d = parse(in);
                elements.addAll(elementNames(d));
                keywords.addAll(values(d, "Keyword"));
                stacks.addAll(values(d, "Stack"));
            }
        }
        Document ours = parse(CaptureKit.class.getResourceAsStream(CaptureKit.PROFILE));
        assertSubset(elementNames(ours), elements, "element");
        assertSubset(values(ours, "Keyword"), keywords, "keyword");
        assertSubset(values(ours, "Stack"), stacks, "stack");
    }

    private static void assertSubset(Set<String> ours, Set<String> published, String what) {
        Set<String> unknown = new TreeSet<>(ours);
        unknown.removeAll(published);
        assertTrue(unknown.isEmpty(), () -> what + " names no public profile uses: " + unknown);
    }

    static Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (in) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static Set<String> values(Document d, String element) {
        Set<String> values = new TreeSet<>();
        NodeList nodes = d.getElementsByTagName(element);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(((Element) nodes.item(i)).getAttribute("Value"));
        }
        return values;
    }

    private static Set<String> ids(Document d, String element) {
        Set<String> ids = new TreeSet<>();
        NodeList nodes = d.getElementsByTagName(element);
        for (int i = 0; i < nodes.getLength(); i++) {
            ids.add(((Element) nodes.item(i)).getAttribute("Id"));
        }
        return ids;
    }

    private static Set<String> elementNames(Document d) {
        Set<String> names = new TreeSet<>();
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            names.add(((Element) all.item(i)).getTagName());
        }
        return names;
    }
}
