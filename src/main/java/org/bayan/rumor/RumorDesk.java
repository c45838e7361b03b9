package org.bayan.rumor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.bayan.common.ProblemException;
import org.bayan.ingest.Message;
import org.bayan.reply.OutboundMessage;
import org.bayan.routing.CaseWorkflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What supervisors do to clusters: retitle, dismiss or reopen, merge, split, move and remove messages, write
 * and publish the clarification. Each action is one transaction that first takes the clustering lock, so it
 * never interleaves with the processing worker putting messages into clusters.
 */
@ApplicationScoped
public class RumorDesk {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 4000;
    static final int MAX_LINK = 1000;
    /** As many as one page of search results holds ({@code SearchService.MAX_SIZE}). */
    static final int MAX_GATHER = 100;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RumorClustering clustering;

    @Inject
    Clarifications clarifications;

    /** A supervisor's edit of a cluster; null fields are left as they are. */
    public record ClusterEdit(String title, String status, Boolean autoAnswer) {
    }

    public record ClarificationText(String ar, String en, String fr, String link) {
    }

    @Transactional
    public RumorCluster edit(long id, ClusterEdit edit, String actor) {
        if (edit.status() != null && !List.of(RumorCluster.OPEN, RumorCluster.DISMISSED).contains(edit.status())) {
            throw ProblemException.badRequest("status can be set to 'open' or 'dismissed' (publishing a clarification"
                    + " makes a cluster 'clarified')", "status");
        }
        if (edit.title() != null) {
            requireText(edit.title(), "title", MAX_TITLE);
        }
        clustering.lockAndSync();
        RumorCluster cluster = lockCluster(id);
        if (RumorCluster.MERGED.equals(cluster.status)) {
            throw ProblemException.conflict("cluster " + id + " was merged into " + cluster.mergedInto);
        }
        if (edit.title() != null) {
            cluster.title = edit.title().strip();
        }
        if (edit.autoAnswer() != null) {
            cluster.autoAnswer = edit.autoAnswer();
        }
        if (edit.status() != null && !edit.status().equals(cluster.status)) {
            if (RumorCluster.OPEN.equals(edit.status())) {
                // a dismissed cluster that had been clarified goes back to clarified
                cluster.status = cluster.clarifiedAt != null ? RumorCluster.CLARIFIED : RumorCluster.OPEN;
            } else {
                cluster.status = edit.status();
            }
            clustering.statusChanged(cluster);
        }
        return cluster;
    }

    /** The words a claim is told with, as a supervisor writes them ({@link ClaimWords}); empty forgets them. */
    public record WordsRequest(String words) {
    }

    /**
     * Teaches the desk the words the cluster's claim is told with: later messages using any of them are compared
     * with the cluster as tellings of one event are. Replaces the words taught before; empty words forget them.
     */
    @Transactional
    public RumorCluster teach(long id, String words, String actor) {
        String stored;
        try {
            stored = ClaimWords.canonical(words);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage(), "words");
        }
        clustering.lockAndSync();
        RumorCluster cluster = lockCluster(id);
        requireLive(cluster);
        clustering.teach(cluster, stored, actor);
        return cluster;
    }

    /** Folds the source clusters into the target. */
    @Transactional
    public RumorCluster merge(long targetId, List<Long> sourceIds) {
        requireIds(sourceIds, "clusterIds", "give the clusters to merge in 'clusterIds'");
        Set<Long> sources = new LinkedHashSet<>(sourceIds);
        if (sources.contains(targetId)) {
            throw ProblemException.badRequest("a cluster cannot be merged into itself", "clusterIds");
        }
        clustering.lockAndSync();
        RumorCluster target = lockCluster(targetId);
        requireLive(target);
        List<RumorCluster> locked = new ArrayList<>();
        for (Long sourceId : sources) {
            RumorCluster source = em.find(RumorCluster.class, sourceId, LockModeType.PESSIMISTIC_WRITE);
            if (source == null) {
                throw ProblemException.badRequest("no cluster " + sourceId, "clusterIds");
            }
            if (RumorCluster.MERGED.equals(source.status)) {
                throw ProblemException.conflict("cluster " + sourceId + " was already merged into " + source.mergedInto);
            }
            locked.add(source);
        }
        for (RumorCluster source : locked) {
            clustering.merge(target, source);
        }
        return target;
    }

    /** Takes the given messages out of the cluster into a new open one. */
    @Transactional
    public RumorCluster split(long id, List<Long> messageIds, String title, String actor) {
        requireIds(messageIds, "messageIds", "give the messages of the new cluster in 'messageIds'");
        if (title != null && !title.isBlank()) {
            requireText(title, "title", MAX_TITLE);
        }
        clustering.lockAndSync();
        RumorCluster source = lockCluster(id);
        requireLive(source);
        List<RumorMember> members = new ArrayList<>();
        for (Long messageId : new LinkedHashSet<>(messageIds)) {
            RumorMember member = RumorMember.findById(messageId);
            if (member == null || member.clusterId != id) {
                throw ProblemException.badRequest("message " + messageId + " is not in cluster " + id, "messageIds");
            }
            members.add(member);
        }
        if (members.size() == source.messageCount) {
            throw ProblemException.badRequest("a split must leave at least one message in the cluster", "messageIds");
        }
        return clustering.split(source, members, title, actor);
    }

    /** Moves a message (from another cluster, or from none) into this cluster. */
    @Transactional
    public RumorCluster move(long id, Long messageId, String actor) {
        if (messageId == null) {
            throw ProblemException.badRequest("give the message to move in 'messageId'", "messageId");
        }
        return moveAll(id, List.of(messageId), "messageId", actor);
    }

    /**
     * Moves several messages into the cluster at once, from other clusters or from none: the tellings of a claim
     * the clusterer split up, found by a supervisor's search. All or nothing: one unknown message and none moves.
     * Messages already in the cluster are left where they are.
     */
    @Transactional
    public RumorCluster gather(long id, List<Long> messageIds, String actor) {
        requireIds(messageIds, "messageIds", "give the messages to move in 'messageIds'");
        if (messageIds.size() > MAX_GATHER) {
            throw ProblemException.badRequest("at most " + MAX_GATHER + " messages can be moved at once", "messageIds");
        }
        return moveAll(id, messageIds, "messageIds", actor);
    }

    /** A list of ids in a request: present, not empty, no null in it. */
    private static void requireIds(List<Long> ids, String field, String whenMissing) {
        if (ids == null || ids.isEmpty()) {
            throw ProblemException.badRequest(whenMissing, field);
        }
        if (ids.contains(null)) {
            throw ProblemException.badRequest("'" + field + "' must not contain null", field);
        }
    }

    private RumorCluster moveAll(long id, List<Long> messageIds, String field, String actor) {
        clustering.lockAndSync();
        RumorCluster target = lockCluster(id);
        requireLive(target);
        List<Message> moving = new ArrayList<>();
        for (long messageId : new LinkedHashSet<>(messageIds)) {
            Message message = Message.findById(messageId);
            if (message == null || message.body == null || message.caseId == null) {
                throw ProblemException.badRequest("no processed message " + messageId, field);
            }
            RumorMember current = RumorMember.findById(messageId);
            if (current == null || current.clusterId != id) {
                moving.add(message);
            }
        }
        // every message is checked before any moves, so a bad id changes nothing
        for (Message message : moving) {
            clustering.move(target, message, actor);
        }
        return target;
    }

    @Transactional
    public void remove(long id, long messageId) {
        clustering.lockAndSync();
        RumorCluster cluster = lockCluster(id);
        RumorMember member = RumorMember.findById(messageId);
        if (member == null || member.clusterId != id) {
            throw ProblemException.notFound("message " + messageId + " is not in cluster " + id);
        }
        clustering.remove(cluster, member);
    }

    /** Writes (or rewrites) the cluster's clarification; publishing is a separate step. */
    @Transactional
    public Clarification writeClarification(long id, ClarificationText text, String actor) {
        requireText(text.ar(), "ar", MAX_TEXT);
        if (text.en() != null) {
            requireText(text.en(), "en", MAX_TEXT);
        }
        if (text.fr() != null) {
            requireText(text.fr(), "fr", MAX_TEXT);
        }
        if (text.link() != null) {
            requireLink(text.link());
        }
        RumorCluster cluster = lockCluster(id);
        requireLive(cluster);
        Clarification found = Clarification.findById(id);
        Clarification c = found == null ? new Clarification() : found;
        c.clusterId = id;
        c.textAr = text.ar().strip();
        c.textEn = text.en() == null ? null : text.en().strip();
        c.textFr = text.fr() == null ? null : text.fr().strip();
        c.link = text.link() == null || text.link().isBlank() ? null : text.link().strip();
        c.writtenBy = actor;
        c.writtenAt = clock.instant();
        if (found == null) {
            c.persist();
        }
        return c;
    }

    @Transactional
    public Clarifications.Published publish(long id, String actor) {
        clustering.lockAndSync();
        RumorCluster cluster = lockCluster(id);
        return clarifications.publish(cluster, actor);
    }

    @Transactional
    public OutboundMessage sendClarification(long id, long caseId, CaseWorkflow.Actor actor) {
        clustering.lockAndSync();
        RumorCluster cluster = lockCluster(id);
        return clarifications.sendTo(cluster, caseId, actor);
    }

    private RumorCluster lockCluster(long id) {
        RumorCluster cluster = em.find(RumorCluster.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (cluster == null) {
            throw ProblemException.notFound("no rumor cluster " + id);
        }
        return cluster;
    }

    private static void requireLive(RumorCluster cluster) {
        if (!cluster.attracts()) {
            throw ProblemException.conflict("cluster " + cluster.id + " is " + cluster.status
                    + (cluster.mergedInto == null ? "" : " into " + cluster.mergedInto));
        }
    }

    private static void requireText(String text, String field, int max) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("'" + field + "' must not be empty", field);
        }
        if (text.length() > max) {
            throw ProblemException.badRequest("'" + field + "' is longer than " + max + " characters", field);
        }
    }

    private static void requireLink(String link) {
        if (link.isBlank()) {
            return;
        }
        if (link.length() > MAX_LINK || !(link.startsWith("https://") || link.startsWith("http://"))) {
            throw ProblemException.badRequest("'link' must be an http(s) address of at most " + MAX_LINK + " characters",
                    "link");
        }
        try {
            java.net.URI.create(link.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'link' is not a valid address", "link");
        }
    }
}
