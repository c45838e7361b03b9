package org.bayan.classify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A responder's correction of a category: a labelled example for the next training. */
@Entity
@Table(name = "classification_feedback")
public class ClassificationFeedback extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id")
    public Long messageId;

    public String text;

    public String category;

    @Column(name = "previous_category")
    public String previousCategory;

    @Column(name = "corrected_by")
    public String correctedBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
