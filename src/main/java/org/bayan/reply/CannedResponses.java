package org.bayan.reply;

import org.bayan.classify.Category;
import org.bayan.common.PolicyFiles.InvalidPolicyException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ready-made replies of {@code config/canned-responses.yaml}, each in Arabic, English and French.
 * Immutable; {@link CannedResponseStore} swaps in a new instance on reload.
 */
public final class CannedResponses {

    public static final List<String> LANGUAGES = List.of("ar", "en", "fr");

    public record File(List<Response> responses) {
    }

    public record Response(String id, String category, Map<String, String> title, Map<String, String> text) {

        /** The text in the language asked for; Arabic when the citizen wrote in another language. */
        public String textIn(String language) {
            return text.getOrDefault(replyLanguage(language), text.get("ar"));
        }

        public String titleIn(String language) {
            return title.getOrDefault(replyLanguage(language), title.get("ar"));
        }
    }

    private final List<Response> responses;

    private CannedResponses(List<Response> responses) {
        this.responses = List.copyOf(responses);
    }

    /** The reply language for a message language: ar, en or fr (Arabizi and unknown get Arabic). */
    public static String replyLanguage(String language) {
        return language != null && LANGUAGES.contains(language) ? language : "ar";
    }

    public List<Response> all() {
        return responses;
    }

    public List<Response> forCategory(String category) {
        return responses.stream().filter(r -> r.category().equals(category)).toList();
    }

    public Optional<Response> byId(String id) {
        return responses.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public static CannedResponses from(File file) {
        if (file.responses() == null) {
            throw new InvalidPolicyException("canned-responses: 'responses' is missing");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.responses().size(); i++) {
            Response r = file.responses().get(i);
            String where = "canned-responses: responses[" + i + "]";
            if (r.id() == null || r.id().isBlank() || !ids.add(r.id())) {
                throw new InvalidPolicyException(where + ": 'id' is missing or used twice");
            }
            if (r.category() == null || Category.parse(r.category()).isEmpty()) {
                throw new InvalidPolicyException(where + " (" + r.id() + "): unknown category '" + r.category() + "'");
            }
            for (String language : LANGUAGES) {
                if (r.text() == null || r.text().get(language) == null || r.text().get(language).isBlank()) {
                    throw new InvalidPolicyException(where + " (" + r.id() + "): 'text." + language + "' is missing");
                }
                if (r.title() == null || r.title().get(language) == null) {
                    throw new InvalidPolicyException(where + " (" + r.id() + "): 'title." + language + "' is missing");
                }
            }
        }
        return new CannedResponses(file.responses());
    }
}
