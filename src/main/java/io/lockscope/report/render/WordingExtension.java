package io.lockscope.report.render;

import io.lockscope.report.model.Report;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/**
 * Template filters that word model values the same way the other renderers do, for every page made
 * from a Pebble template (the HTML report, a batch's index.html): {@code code | word('kind')} names a
 * vocabulary code, {@code list | evidence} writes evidence as input:event. The language is the one the
 * template is evaluated with ({@code en} or {@code zh-CN}).
 */
public final class WordingExtension extends AbstractExtension {
    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("word", new WordFilter(), "evidence", new EvidenceFilter());
    }

    private static final class WordFilter implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("group");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) throws PebbleException {
            Labels labels = Labels.forLanguage(context.getLocale().toLanguageTag());
            return labels.code(String.valueOf(args.get("group")), input == null ? null : String.valueOf(input));
        }
    }

    private static final class EvidenceFilter implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) throws PebbleException {
            if (input != null && !(input instanceof List<?>)) {
                throw new PebbleException(null, "evidence filter expects a list, got " + input.getClass().getName(),
                        lineNumber, self.getName());
            }
            @SuppressWarnings("unchecked")
            List<Report.Evidence> evidence = (List<Report.Evidence>) input;
            return Labels.evidence(evidence);
        }
    }
}
