package org.bayan.classify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.bayan.common.ProblemException;

import java.time.Clock;
import java.util.List;

/**
 * Keeps responders' category corrections as labelled examples. The queues feature calls
 * {@link #record} when a responder changes a case's category; retraining reads {@link #corrections}.
 */
@ApplicationScoped
public class FeedbackService {

    @Inject
    Clock clock;

    @Transactional
    public void record(Long messageId, String text, String category, String previousCategory, String user) {
        if (Category.parse(category).isEmpty()) {
            throw ProblemException.badRequest("unknown category '" + category + "'", "category");
        }
        if (text == null || text.isBlank()) {
            return; // nothing to learn from
        }
        ClassificationFeedback feedback = new ClassificationFeedback();
        feedback.messageId = messageId;
        feedback.text = text;
        feedback.category = category;
        feedback.previousCategory = previousCategory;
        feedback.correctedBy = user;
        feedback.createdAt = clock.instant();
        feedback.persist();
    }

    /** Every correction as a training sample; the latest correction of a message wins. */
    @Transactional
    public List<LabelledText> corrections() {
        List<ClassificationFeedback> all = ClassificationFeedback.list("order by id");
        java.util.Map<String, ClassificationFeedback> latest = new java.util.LinkedHashMap<>();
        for (ClassificationFeedback f : all) {
            latest.put(f.messageId == null ? "text:" + f.text : "message:" + f.messageId, f);
        }
        return latest.values().stream()
                .map(f -> new LabelledText(Category.parse(f.category).orElseThrow(), Variety.UND,
                        f.text.replace('\t', ' ').replace('\n', ' '), "feedback:" + f.id))
                .toList();
    }

    /** The corrections in corpus format ({@code label<TAB>text}), for {@code train --with-feedback FILE}. */
    public String exportTsv() {
        StringBuilder out = new StringBuilder();
        for (LabelledText sample : corrections()) {
            out.append(sample.category().id()).append('\t').append(sample.text()).append('\n');
        }
        return out.toString();
    }
}
