package org.bayan.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bayan.common.ProblemException;

import java.util.List;

/** Admin-only management of desk users. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

    @Inject
    UserService users;

    public record NewUser(String username, String password, List<String> roles) {
    }

    @GET
    public List<UserService.UserView> list() {
        return users.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body with username, password and roles is required", null);
        }
        return Response.status(201).entity(users.create(body.username(), body.password(), body.roles())).build();
    }
}
