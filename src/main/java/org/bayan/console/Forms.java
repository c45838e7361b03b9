package org.bayan.console;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.ws.rs.core.Response;
import org.bayan.common.ProblemException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Post/redirect/get for console forms: an action either succeeds and the browser is sent back with a notice
 * key, or the service refuses it (400/404/409) and the browser is sent back with the reason, changing nothing.
 * Only known notice keys are ever shown, so a crafted link cannot put words in the desk's mouth.
 */
final class Forms {

    private static final Map<String, Function<Msg, String>> NOTICES = Map.ofEntries(
            Map.entry("replied", Msg::noticeReplied),
            Map.entry("resolved", Msg::noticeResolved),
            Map.entry("waiting", Msg::noticeWaiting),
            Map.entry("reopened", Msg::noticeReopened),
            Map.entry("forwarded", Msg::noticeForwarded),
            Map.entry("category", Msg::noticeCategory),
            Map.entry("note", Msg::noticeNote),
            Map.entry("nothing", Msg::noticeNothing),
            Map.entry("assigned", Msg::noticeAssigned),
            Map.entry("saved", Msg::noticeSaved),
            Map.entry("published", Msg::noticePublished),
            Map.entry("clarification-sent", Msg::noticeClarificationSent),
            Map.entry("merged", Msg::noticeMerged),
            Map.entry("split", Msg::noticeSplit),
            Map.entry("gathered", Msg::noticeGathered),
            Map.entry("user-created", Msg::noticeUserCreated),
            Map.entry("model-reloaded", Msg::noticeModelReloaded),
            Map.entry("rebuild", Msg::noticeRebuild),
            Map.entry("policies", Msg::noticePolicies));

    private Forms() {
    }

    static String notice(String key, String language) {
        Function<Msg, String> text = key == null ? null : NOTICES.get(key);
        return text == null ? null : text.apply(MessageBundles.get(Msg.class, Localized.Literal.of(language)));
    }

    static Msg messages(String language) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(language));
    }

    /** Runs the action and redirects to the page it names, or back to {@code failurePath} with the refusal. */
    static Response act(String failurePath, Supplier<String> action) {
        try {
            return seeOther(action.get());
        } catch (ProblemException e) {
            return seeOther(withParam(failurePath, "error", e.toProblem().detail()));
        }
    }

    static String withParam(String path, String name, String value) {
        return path + (path.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
