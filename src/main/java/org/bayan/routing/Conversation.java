package org.bayan.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A thread with one citizen on one channel: Messenger/Instagram sender, WhatsApp number, Telegram chat, comment thread. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String channel;

    @Column(name = "external_key")
    public String externalKey;

    @Column(name = "created_at")
    public Instant createdAt;
}
