package org.bayan.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bayan.classify.ClassifierConfig;
import org.bayan.classify.ClassifierService;
import org.bayan.routing.PolicyAdminResource;
import org.bayan.search.IndexMaintenance;
import org.bayan.security.Role;
import org.bayan.security.UserService;
import org.jboss.resteasy.reactive.RestForm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Administration: users and roles, the policy files in force, the model and its evaluation, the search index. */
@Path("/console/admin")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminConsole {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(ConsoleView view, List<UserService.UserView> users, List<String> roles,
                                             PolicyAdminResource.ConfigView config, ClassifierService.ModelInfo model,
                                             String report, int documents, IndexMaintenance.Progress progress);
    }

    @Inject
    ConsoleSession session;

    @Inject
    UserService users;

    /** The admin API's view of the policy files; this page is admin-only too, so its role check holds. */
    @Inject
    PolicyAdminResource policies;

    @Inject
    ClassifierService classifier;

    @Inject
    ClassifierConfig classifierConfig;

    @Inject
    IndexMaintenance index;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        ClassifierService.ModelInfo model = classifier.info();
        return Templates.admin(session.view("admin", Forms.notice(notice, session.language()), error), users.list(),
                java.util.Arrays.stream(Role.values()).map(Role::id).toList(), policies.current(), model, report(model),
                index.documents(), index.progress()).setLocale(session.locale());
    }

    /** The evaluation report written next to the model when it was trained, if it is on disk. */
    private String report(ClassifierService.ModelInfo model) {
        if (model == null || model.version() == null) {
            return null;
        }
        java.nio.file.Path file = classifierConfig.modelDir().resolve("bayan-doccat-" + model.version() + ".report.md");
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createUser(@RestForm("token") String token, @RestForm("username") String username,
                               @RestForm("password") String password, @RestForm("role") List<String> roles) {
        session.requireFormToken(token);
        return Forms.act("/console/admin", () -> {
            users.create(username, password, roles == null ? List.of() : roles);
            return "/console/admin?notice=user-created";
        });
    }

    @POST
    @Path("model/reload")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reloadModel(@RestForm("token") String token) {
        session.requireFormToken(token);
        return Forms.act("/console/admin", () -> {
            classifier.reload();
            return "/console/admin?notice=model-reloaded";
        });
    }

    @POST
    @Path("policies/reload")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reloadPolicies(@RestForm("token") String token) {
        session.requireFormToken(token);
        return Forms.act("/console/admin", () -> {
            policies.reload();
            return "/console/admin?notice=policies";
        });
    }

    @POST
    @Path("index/rebuild")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rebuildIndex(@RestForm("token") String token) {
        session.requireFormToken(token);
        return Forms.act("/console/admin", () -> {
            index.rebuild();
            return "/console/admin?notice=rebuild#index";
        });
    }

    /** Progress of the index (re)build, polled by the page while it runs. */
    @GET
    @Path("index")
    @Produces(MediaType.APPLICATION_JSON)
    public IndexMaintenance.Progress progress() {
        return index.progress();
    }
}
