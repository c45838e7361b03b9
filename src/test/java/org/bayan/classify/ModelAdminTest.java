package org.bayan.classify;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class ModelAdminTest {

    @Inject
    UserService users;

    @Inject
    ClassifierService classifier;

    @Inject
    ModelAdminService admin;

    @Inject
    FeedbackService feedback;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @AfterEach
    void backToTheBundledModel() throws Exception {
        Path promoted = classifier.promotedDir();
        if (Files.exists(promoted)) {
            try (var walk = Files.walk(promoted)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        classifier.reload();
    }

    @Test
    void shouldRefuseARetrainedModelThatIsWorseOnTheDevFile() {
        String before = classifier.info().version();
        List<LabelledText> tiny = Corpus.read(TrainerTest.TINY);
        List<LabelledText> dev = Corpus.read(Path.of("models/training/dev")).subList(0, 200);
        ModelAdminService.RetrainResult result = admin.retrain(tiny, dev, 0);
        assertFalse(result.promoted(), result.reason());
        assertEquals(before, classifier.info().version(), "the model in service is unchanged");
    }

    @Test
    void shouldReloadANewerModelWithoutRestart() throws Exception {
        String before = classifier.info().version();
        Path bundled = Path.of("models");
        String newer = "99991231-235959";
        // The bundled model re-issued under a newer version, as a train run would write it.
        CategorizerModel reissued = new CategorizerModel(
                CategorizerModel.withMetadata(CategorizerModel.read(CategorizerModel.categoryFile(bundled, before)), newer, 0.3),
                CategorizerModel.read(CategorizerModel.varietyFile(bundled, before)));
        reissued.save(classifier.promotedDir());

        TestUsers.asAdmin().post("/api/v1/admin/model/reload").then().statusCode(200).body("version", equalTo(newer));
        assertEquals(newer, classifier.info().version());
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"fire in the building now\"}")
                .post("/api/v1/classify").then().statusCode(200).body("modelVersion", equalTo(newer));
        assertNotEquals(before, newer);
    }

    @Test
    void shouldKeepCorrectionsForTheNextTraining() {
        feedback.record(null, "the radar flashed me while I was parked", "traffic", "urgent", "responder1");
        String tsv = TestUsers.asAdmin().get("/api/v1/admin/model/feedback.tsv").then().statusCode(200).extract().asString();
        assertEquals(true, tsv.contains("traffic\tthe radar flashed me while I was parked"));
    }

    @Test
    void shouldKeepModelAdministrationForAdmins() {
        TestUsers.asResponder().get("/api/v1/admin/model").then().statusCode(403);
        TestUsers.asSupervisor().post("/api/v1/admin/model/reload").then().statusCode(403);
        TestUsers.asResponder().post("/api/v1/admin/model/retrain").then().statusCode(403);
        TestUsers.asAdmin().get("/api/v1/admin/model").then().statusCode(200).body("reviewThreshold", equalTo(0.5f));
    }
}
