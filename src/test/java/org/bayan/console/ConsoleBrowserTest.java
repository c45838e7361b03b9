package org.bayan.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bayan.search.SearchService;
import org.bayan.security.UserService;
import org.bayan.support.Cases;
import org.bayan.support.Rumors;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console in a real browser: what a responder and a supervisor do in a shift, and what must never happen. */
@QuarkusTest
class ConsoleBrowserTest {

    static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    @TestHTTPResource("/")
    URL base;

    @Inject
    UserService users;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void requireBrowser() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void open() throws Exception {
        TestUsers.ensure(users);
        browser = Browser.start("en");
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void signIn(String user, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/console/queues"));
    }

    private void confirmNextDialog() {
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    @Test
    void signingInAndOutGuardsTheConsole() {
        browser.get(url("/console/queues"));
        wait.until(ExpectedConditions.urlContains("/login"));
        signIn("responder1", TestUsers.PASSWORD);
        assertEquals("responder1", browser.findElement(By.cssSelector("header .user")).getText());
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login?out=1"));
        browser.get(url("/console/queues"));
        wait.until(ExpectedConditions.urlContains("/login"));
        assertTrue(browser.findElements(By.cssSelector("header .user")).isEmpty());
    }

    @Test
    void anOpenConsoleLeavesForTheSignInFormWhenTheSignInEndsElsewhere() {
        signIn("responder1", TestUsers.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-state")));
        // the same sign-in signs out from another tab: a copy of the browser's cookies
        io.restassured.http.Cookies session = new io.restassured.http.Cookies(browser.manage().getCookies().stream()
                .map(c -> new io.restassured.http.Cookie.Builder(c.getName(), c.getValue()).build()).toList());
        io.restassured.RestAssured.given().redirects().follow(false).cookies(session)
                .formParam("token", org.bayan.support.ConsoleLogin.formToken(session)).post("/logout")
                .then().statusCode(303);
        // without a click or reload here: the live feed's last event sends the page away
        wait.until(ExpectedConditions.urlContains("/login"));
        assertTrue(browser.findElements(By.cssSelector("header .user")).isEmpty());
    }

    @Test
    void aWrongPasswordIsRefused() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("responder1");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("error"));
        assertFalse(browser.findElements(By.cssSelector("p.error")).isEmpty());
    }

    @Test
    void aWebhookMessageAppearsInTheQueueWithoutReloading() {
        signIn("responder1", TestUsers.PASSWORD);
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-state")));
        long caseId = Cases.open("عايز أجدد رخصة القيادة بتاعتي، أروح أي وحدة مرور؟ والرسوم كام؟");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cases tr[data-case='" + caseId + "']")));
        assertTrue(row.getText().contains("رخصة القيادة"), row.getText());
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;"),
                "the row arrived without a page load");
    }

    @Test
    void aResponderClaimsRepliesAndResolves() {
        long caseId = Cases.open("Hello, I lost my passport yesterday at the Ramses station, what should I do to get a new one?");
        signIn("responder1", TestUsers.PASSWORD);
        browser.get(url("/console/cases/" + caseId));
        browser.findElement(By.id("reply-text")).sendKeys("Please file a loss report at the nearest police station, then visit the passport office with a copy of it.");
        browser.findElement(By.id("send-reply")).click();
        wait.until(ExpectedConditions.urlContains("notice=replied"));
        List<WebElement> replies = browser.findElements(By.cssSelector("#thread li.item-reply"));
        assertEquals(1, replies.size());
        assertTrue(replies.get(0).getText().contains("nearest police station"));
        browser.findElement(By.id("resolve")).click();
        confirmNextDialog();
        wait.until(ExpectedConditions.urlContains("notice=resolved"));
        assertEquals("resolved", browser.findElement(By.id("case-status")).getText());
        assertEquals("resolved", Cases.get(caseId).getString("summary.status"));
    }

    @Test
    void claimNextIsOneKey() {
        long caseId = Cases.open("Bonjour, quelqu'un a piraté mon compte Facebook et demande de l'argent à mes amis, que faire ?");
        String queue = Cases.get(caseId).getString("summary.queue");
        signIn("supervisor1", TestUsers.PASSWORD);
        browser.get(url("/console/queues?queue=" + queue));
        browser.findElement(By.tagName("body")).sendKeys("n");
        wait.until(ExpectedConditions.urlMatches(".*/console/cases/\\d+.*"));
        long claimed = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/console/cases/(\\d+).*", "$1"));
        assertEquals("supervisor1", Cases.get(claimed).getString("summary.assignee"));
        assertEquals(queue, Cases.get(claimed).getString("summary.queue"));
    }

    @Test
    void changingTheCategoryIsOneClick() {
        long caseId = Cases.open("salam, dakchi dyal lamende dyal radar f tri9 l'autoroute, bghit n3ref kifach nkhalles");
        signIn("responder1", TestUsers.PASSWORD);
        browser.get(url("/console/cases/" + caseId));
        String target = "traffic".equals(Cases.get(caseId).getString("summary.category")) ? "procedure_inquiry" : "traffic";
        browser.findElement(By.cssSelector("#category-form button[value='" + target + "']")).click();
        wait.until(ExpectedConditions.urlContains("notice=category"));
        assertEquals(target, browser.findElement(By.id("current-category")).getText());
        assertEquals(target, Cases.get(caseId).getString("summary.category"));
    }

    @Test
    void searchNarrowsByAFacet() {
        String word = "zebrawatch" + Webhooks.uniqueId().replaceAll("[^0-9]", "").substring(0, 6);
        long lost = Cases.open("I lost my wallet with my ID card near the " + word + " shop in Maadi");
        signIn("responder1", TestUsers.PASSWORD);
        browser.get(url("/console/search?q=" + word));
        assertEquals(1, browser.findElements(By.cssSelector("#hits li")).size());
        String category = Cases.get(lost).getString("summary.category");
        browser.findElement(By.cssSelector("#facets a[data-facet='category'][data-value='" + category + "']")).click();
        wait.until(ExpectedConditions.urlContains("category=" + category));
        List<WebElement> hits = browser.findElements(By.cssSelector("#hits li"));
        assertEquals(1, hits.size());
        assertEquals(word, hits.get(0).findElement(By.tagName("mark")).getText());
    }

    @Test
    void aSupervisorPublishesAClarificationAndTheCaseShowsTheReply() {
        Rumors.Posted first = Rumors.post("هل صحيح أن مياه الشرب في حي الأربعين بأسيوط ملوثة بمياه الصرف والناس بتتعب منها؟");
        signIn("supervisor1", TestUsers.PASSWORD);
        browser.get(url("/console/rumors/" + first.clusterId()));
        String text = "تؤكد الجهات المختصة أن مياه الشرب في حي الأربعين بأسيوط مطابقة للمواصفات، ولا صحة لما يتم تداوله.";
        browser.findElement(By.id("clar-ar")).sendKeys(text);
        browser.findElement(By.id("clar-en")).sendKeys("Drinking water in Al-Arbain, Assiut, meets the standards; the claim is false.");
        browser.findElement(By.id("save-clarification")).click();
        wait.until(ExpectedConditions.urlContains("notice=saved"));
        browser.findElement(By.id("publish")).click();
        confirmNextDialog();
        wait.until(ExpectedConditions.urlContains("notice=published"));
        assertEquals("clarified", browser.findElement(By.id("cluster-status")).getText());
        browser.get(url("/console/cases/" + first.caseId()));
        List<WebElement> replies = browser.findElements(By.cssSelector("#thread li.item-reply .body"));
        assertEquals(1, replies.size());
        assertEquals(text, replies.get(0).getText());
    }

    @Test
    void aSupervisorMergesAClusterListedAsPossiblyTheSameClaim() {
        Rumors.Posted msa = Rumors.post("نرجو توضيح حقيقة الأخبار المتداولة حول حالات تسمم جماعي بأحد محلات الأكلات الخفيفة بالجديدة");
        Rumors.Posted french = Rumors.post("Intoxication alimentaire dans une pizzeria à El Jadida, plusieurs personnes à l'hôpital, le gérant arrêté ? C'est vrai ?");
        assertNotEquals(msa.clusterId(), french.clusterId(), "too little alike to be merged on their own");
        signIn("supervisor1", TestUsers.PASSWORD);
        browser.get(url("/console/rumors/" + msa.clusterId()));
        browser.findElement(By.cssSelector("#related button[data-cluster='" + french.clusterId() + "']")).click();
        wait.until(ExpectedConditions.urlContains("notice=merged"));
        assertEquals("merged", Rumors.cluster(french.clusterId()).getString("summary.status"));
        assertEquals(msa.clusterId(), Rumors.cluster(french.clusterId()).getLong("summary.mergedInto"));
        assertTrue(browser.findElements(By.cssSelector("#related button[data-cluster='" + french.clusterId() + "']")).isEmpty());
    }

    @Test
    void aSupervisorSearchesForMoreTellingsOfAClaimAndMovesThemIntoItsCluster() {
        Rumors.Posted arabic = Rumors.post("هل صحيح إن عصابة حفرت نفق تحت بنك في ميدان الساعة بدمنهور وسرقت الخزنة؟");
        Rumors.Posted thanks = Rumors.post("Merci à la police de Damanhour pour sa rapidité hier soir");
        Rumors.Posted english = Rumors.post("Did thieves really dig a tunnel into a bank vault in Damanhour? my cousin sent a video");
        long target = arabic.clusterId();
        assertNotEquals(target, thanks.clusterId());
        if (english.clusterId() != null && english.clusterId() == target) {
            // it met the claim on its own: split it off so that there is something to gather
            TestUsers.asSupervisor().contentType("application/json").body("{\"messageIds\":[" + english.messageId() + "]}")
                    .post("/api/v1/rumors/" + target + "/split").then().statusCode(201);
        }
        signIn("supervisor1", TestUsers.PASSWORD);
        // the search index follows processing within a second
        wait.until(d -> {
            d.get(url("/console/rumors/" + target + "?gather=Damanhour"));
            return !d.findElements(By.cssSelector("#gather input[value='" + english.messageId() + "']")).isEmpty()
                    && !d.findElements(By.cssSelector("#gather input[value='" + thanks.messageId() + "']")).isEmpty();
        });
        // nothing is ticked until a supervisor has read it: only the telling of the claim is ticked and moves
        browser.findElement(By.cssSelector("#gather input[value='" + english.messageId() + "']")).click();
        browser.findElement(By.id("gather-move")).click();
        wait.until(ExpectedConditions.urlContains("notice=gathered"));
        List<Long> members = Rumors.cluster(target).getList("messages.messageId", Long.class);
        assertTrue(members.contains(english.messageId()), "moved in: " + members);
        assertFalse(members.contains(thanks.messageId()), "left where it was: " + members);
        // gathering again later lists only what is not in the cluster yet (once the index has followed the move)
        wait.until(d -> {
            d.get(url("/console/rumors/" + target + "?gather=Damanhour"));
            return d.findElements(By.cssSelector("#gather input[value='" + english.messageId() + "']")).isEmpty();
        });
        assertFalse(browser.findElements(By.cssSelector("#gather input[value='" + thanks.messageId() + "']")).isEmpty());
        assertTrue(browser.findElement(By.id("gather-already")).getText().startsWith("✓"), "says how many are here");

        browser.get(url("/console/rumors/" + target + "?gather=" + java.net.URLEncoder.encode("\"tunnel",
                java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(browser.findElement(By.id("gather-error")).getText().isBlank(), "a query the parser rejects says why");
    }

    @Test
    void aSupervisorTeachesAClaimsWordsOnItsPageAndABadWordIsRefusedWithItsReason() {
        Rumors.Posted first = Rumors.post("هل صحيح إن نيزك وقع في مزرعة جنب ملوي والناس بتاخد منه حجارة؟");
        long claim = first.clusterId();
        // told in English before any word is taught: it shares no listed concept with the Egyptian telling
        Rumors.Posted earlier = Rumors.post("Someone filmed a meteorite crashing into a field, can the police confirm?");
        assertNotEquals(claim, earlier.clusterId(), "the premise: the English telling is not in the claim's cluster");
        signIn("supervisor1", TestUsers.PASSWORD);
        browser.get(url("/console/rumors/" + claim));
        browser.findElement(By.id("claim-words")).sendKeys("نيزك*, *nayzak* | meteor*\nmétéorite");
        browser.findElement(By.id("teach-words")).click();
        wait.until(ExpectedConditions.urlContains("notice=saved"));
        assertEquals("نيزك* | *nayzak* | meteor* | météorite", browser.findElement(By.id("claim-words")).getAttribute("value"),
                "the words are shown back in their stored order");
        assertTrue(browser.findElement(By.id("words-taught")).getText().contains("supervisor1"));
        assertEquals(List.of("نيزك*", "*nayzak*", "meteor*", "météorite"),
                Rumors.cluster(claim).getList("claimWords.variants", String.class));

        // the link under the words searches with them: the earlier English telling is offered to gather
        browser.findElement(By.id("gather-words")).click();
        assertTrue(browser.findElement(By.id("gather-q")).getAttribute("value").contains("meteor*"),
                "the search box shows the query the words became");
        wait.until(d -> {
            d.get(url("/console/rumors/" + claim + "?gatherWords=true"));
            return !d.findElements(By.cssSelector("#gather input[value='" + earlier.messageId() + "']")).isEmpty();
        });
        // the supervisor adds spellings to the query in the box and searches again: longer than a query typed
        // from scratch may be, as long as one built from words, and still answered
        WebElement box = browser.findElement(By.id("gather-q"));
        String edited = box.getAttribute("value") + " OR fireball OR \"boule de feu\" OR " + String.join(" OR ",
                java.util.Collections.nCopies(60, "météore"));
        assertTrue(edited.length() > SearchService.MAX_QUERY, "the premise: " + edited.length() + " characters");
        box.clear();
        box.sendKeys(edited);
        browser.findElement(By.id("gather-search")).click();
        wait.until(ExpectedConditions.urlContains("gather="));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gather input[value='" + earlier.messageId() + "']")));
        assertTrue(browser.findElements(By.id("gather-error")).isEmpty(), "no refusal");

        WebElement words = browser.findElement(By.id("claim-words"));
        words.clear();
        words.sendKeys("meteor*|*ab*");
        browser.findElement(By.id("teach-words")).click();
        wait.until(ExpectedConditions.urlContains("error="));
        assertTrue(browser.getPageSource().contains("*ab*"), "the refusal names the word");
        assertEquals(4, Rumors.cluster(claim).getList("claimWords.variants", String.class).size(), "nothing changed");
    }

    @Test
    void theDashboardChartsRenderWithData() {
        long caseId = Cases.open("Salut, comment obtenir un extrait de casier judiciaire en ligne ? Le site ne marche pas.");
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"Vous pouvez le demander au commissariat le plus proche.\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(200);
        signIn("supervisor1", TestUsers.PASSWORD);
        browser.get(url("/console/dashboard"));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("times-chart")), "data-rendered"));
        Object points = ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart('times-chart').data.datasets[0].data.filter(v => v !== null).length;");
        assertTrue(((Number) points).intValue() >= 1, "at least one day with a first response: " + points);
        Object compliance = ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart('compliance-chart').data.datasets[0].data.filter(v => v !== null).length;");
        assertTrue(((Number) compliance).intValue() >= 1);
    }

    @Test
    void aHostileMessageIsShownAsTextAndRunsNothing() {
        signIn("responder1", TestUsers.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-state")));
        long caseId = Cases.open(HOSTILE);
        // the live row, the toast and the case page each show it as text
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cases tr[data-case='" + caseId + "'] td.body")));
        assertEquals(HOSTILE, row.getText());
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        browser.get(url("/console/cases/" + caseId));
        assertEquals(HOSTILE, browser.findElement(By.cssSelector("#thread li.item-message .body")).getText());
        assertTrue(browser.findElements(By.cssSelector("#thread img")).isEmpty());
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        browser.get(url("/console/queues"));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void aResponderCannotOpenAdminPages() {
        signIn("responder1", TestUsers.PASSWORD);
        assertTrue(browser.findElements(By.cssSelector("header nav a[href='/console/admin']")).isEmpty());
        browser.get(url("/console/admin"));
        assertTrue(browser.findElements(By.id("users")).isEmpty(), "the admin page is not shown to a responder");
        browser.get(url("/console/dashboard"));
        assertTrue(browser.findElements(By.id("breaches")).isEmpty());
    }

    @Test
    void theArabicConsoleIsRightToLeftAndRemembered() {
        signIn("responder1", TestUsers.PASSWORD);
        assertEquals("ltr", browser.findElement(By.tagName("html")).getAttribute("dir"));
        browser.findElement(By.cssSelector(".langs a[lang='ar']")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
        assertEquals("ar", browser.findElement(By.tagName("html")).getAttribute("lang"));
        browser.get(url("/console/search"));
        assertEquals("rtl", browser.findElement(By.tagName("html")).getAttribute("dir"));
        assertEquals("البحث", browser.findElement(By.id("search-button")).getText());
    }
}
