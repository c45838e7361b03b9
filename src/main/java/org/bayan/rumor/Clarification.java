package org.bayan.rumor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The official clarification of a cluster: one text per language (Arabic required), an optional link. */
@Entity
@Table(name = "rumor_clarification")
public class Clarification extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_id")
    public Long clusterId;

    @Column(name = "text_ar")
    public String textAr;

    @Column(name = "text_en")
    public String textEn;

    @Column(name = "text_fr")
    public String textFr;

    public String link;

    @Column(name = "written_by")
    public String writtenBy;

    @Column(name = "written_at")
    public Instant writtenAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    /**
     * The text for a citizen writing in {@code language}, the link appended: the language's own text when
     * written, else Arabic (the language every clarification has).
     */
    public String textFor(String language) {
        String text = switch (language == null ? "ar" : language) {
            case "en" -> textEn;
            case "fr" -> textFr;
            default -> textAr;
        };
        if (text == null || text.isBlank()) {
            text = textAr;
        }
        return link == null || link.isBlank() ? text : text + "\n" + link;
    }

    /** The language {@link #textFor} actually answers in. */
    public String languageFor(String language) {
        if ("en".equals(language) && textEn != null && !textEn.isBlank()) {
            return "en";
        }
        if ("fr".equals(language) && textFr != null && !textFr.isBlank()) {
            return "fr";
        }
        return "ar";
    }
}
