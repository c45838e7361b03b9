package org.bayan.classify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bayan.security.Role;

/** Admin control of the classification model: what is loaded, reload, retrain with corrections, export them. */
@Path("/api/v1/admin/model")
@RolesAllowed(Role.ADMIN_NAME)
public class ModelAdminResource {

    @Inject
    ClassifierService classifier;

    @Inject
    ModelAdminService admin;

    @Inject
    FeedbackService feedback;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ClassifierService.ModelInfo current() {
        return classifier.info();
    }

    /** Loads the newest model on disk (e.g. one trained with the train command) without a restart. */
    @POST
    @Path("reload")
    @Produces(MediaType.APPLICATION_JSON)
    public ClassifierService.ModelInfo reload() {
        return classifier.reload();
    }

    /** Trains on corpus + corrections; promotes only if not worse on the dev file. Takes a minute or two. */
    @POST
    @Path("retrain")
    @Produces(MediaType.APPLICATION_JSON)
    public ModelAdminService.RetrainResult retrain() {
        return admin.retrainWithFeedback();
    }

    /** Responders' corrections in corpus format, for {@code train --with-feedback FILE}. */
    @GET
    @Path("feedback.tsv")
    @Produces("text/tab-separated-values; charset=UTF-8")
    public String feedbackTsv() {
        return feedback.exportTsv();
    }
}
