package org.bayan.reply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.PolicyStore;

import java.nio.file.Path;
import java.util.Optional;

/** The canned responses in force ({@code config/canned-responses.yaml}). */
@ApplicationScoped
public class CannedResponseStore extends PolicyStore<CannedResponses.File, CannedResponses> {

    @Inject
    ReplyConfig config;

    public CannedResponseStore() {
        super("canned-responses.yaml", CannedResponses.File.class, CannedResponses::from, responses -> responses.all().size() + " responses");
    }

    @Override
    protected Optional<Path> configuredFile() {
        return config.cannedFile();
    }
}
