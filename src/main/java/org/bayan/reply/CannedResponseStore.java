package org.bayan.reply;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.PolicyFiles;

/** Holds the canned responses in force; a reload that fails keeps them and reports why. */
@ApplicationScoped
public class CannedResponseStore {

    @Inject
    ReplyConfig config;

    private volatile CannedResponses responses;
    private volatile String source;

    @PostConstruct
    void load() {
        reload();
    }

    public synchronized String reload() {
        var loaded = PolicyFiles.read(config.cannedFile(), "canned-responses.yaml", CannedResponses.File.class);
        CannedResponses next = CannedResponses.from(loaded.value());
        responses = next;
        source = loaded.source();
        Log.infof("Canned responses loaded from %s (%d responses)", source, next.all().size());
        return source;
    }

    public CannedResponses current() {
        return responses;
    }

    public String source() {
        return source;
    }
}
