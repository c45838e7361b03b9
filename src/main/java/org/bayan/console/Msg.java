package org.bayan.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text of the console, in English here; {@code messages/msg_ar.properties} and {@code msg_fr.properties}
 * translate them. A template that names a key missing here fails the build, not the page.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message("Bayan") String appName();
    @Message("Queues") String navQueues();
    @Message("Search") String navSearch();
    @Message("Rumors") String navRumors();
    @Message("Dashboard") String navDashboard();
    @Message("Admin") String navAdmin();
    @Message("Sign out") String logout();
    @Message("Language") String language();
    @Message("Keyboard shortcuts") String shortcuts();
    @Message("Live") String live();

    @Message("Sign in to the desk") String loginTitle();
    @Message("User name") String username();
    @Message("Password") String password();
    @Message("Sign in") String signIn();
    @Message("Wrong user name or password.") String loginFailed();
    @Message("You are signed out.") String loggedOut();

    @Message("Queue") String queue();
    @Message("Open") String open();
    @Message("Unassigned") String unassigned();
    @Message("At risk") String atRisk();
    @Message("Breached") String breached();
    @Message("Claim next") String claimNext();
    @Message("Cases") String cases();
    @Message("Category") String category();
    @Message("Priority") String priority();
    @Message("Message") String messageText();
    @Message("Status") String status();
    @Message("Assignee") String assignee();
    @Message("First response due") String firstResponseDue();
    @Message("overdue") String overdue();
    @Message("No open cases.") String noCases();
    @Message("New case") String newCase();
    @Message("SLA warning") String slaWarning();
    @Message("Open case") String openCase();
    @Message("n claim next · j / k move · Enter open · / search") String queueKeys();

    @Message("Case {id}") String caseTitle(long id);
    @Message("Conversation") String conversation();
    @Message("Citizen") String citizen();
    @Message("Reply") String reply();
    @Message("Note") String note();
    @Message("Forwarded to the operations room") String forwarded();
    @Message("Confidence") String confidence();
    @Message("Change category (feeds the next training)") String changeCategory();
    @Message("Channel") String channel();
    @Message("Opened") String opened();
    @Message("Similar messages") String similar();
    @Message("Rumor cluster") String cluster();
    @Message("Official clarification") String clarification();
    @Message("Send the clarification") String sendClarification();
    @Message("Suggested replies") String suggested();
    @Message("Use") String use();
    @Message("Your reply") String replyBox();
    @Message("Send reply") String send();
    @Message("Wait on citizen") String waitCitizen();
    @Message("Resolve") String resolve();
    @Message("Reopen") String reopen();
    @Message("Forward to the operations room") String forward();
    @Message("Add note") String addNote();
    @Message("Resolve this case?") String confirmResolve();
    @Message("Forward this case to the operations room?") String confirmForward();
    @Message("Put this case on hold until the citizen answers?") String confirmWait();
    @Message("First response") String slaFirstResponse();
    @Message("Resolution") String slaResolution();
    @Message("paused") String paused();
    @Message("r reply · w wait · e resolve · f forward · c change category · q back to queues") String caseKeys();

    @Message("Reply queued for sending.") String noticeReplied();
    @Message("Case resolved.") String noticeResolved();
    @Message("The case waits on the citizen.") String noticeWaiting();
    @Message("Case reopened.") String noticeReopened();
    @Message("Forwarded to the operations room.") String noticeForwarded();
    @Message("Category corrected; the correction feeds the next training.") String noticeCategory();
    @Message("Note added.") String noticeNote();
    @Message("Nothing to claim in this queue.") String noticeNothing();
    @Message("Case reassigned.") String noticeAssigned();
    @Message("Saved.") String noticeSaved();
    @Message("Clarification published.") String noticePublished();
    @Message("Clarification sent to this case.") String noticeClarificationSent();
    @Message("Clusters merged.") String noticeMerged();
    @Message("Messages split into a new cluster.") String noticeSplit();
    @Message("Messages moved into this cluster.") String noticeGathered();
    @Message("User created.") String noticeUserCreated();
    @Message("Model reloaded.") String noticeModelReloaded();
    @Message("Index rebuild started.") String noticeRebuild();
    @Message("Policy files reloaded.") String noticePolicies();

    @Message("Words, \"a phrase\", -exclude, OR") String searchHelp();
    @Message("Any") String any();
    @Message("From") String from();
    @Message("To") String to();
    @Message("Most relevant") String sortRelevance();
    @Message("Newest") String sortNewest();
    @Message("{total} results") String results(long total);
    @Message("Received") String received();
    @Message("Previous") String previous();
    @Message("Next") String next();

    @Message("Rumor clusters") String rumorsTitle();
    @Message("Growth") String growth();
    @Message("Messages") String messages();
    @Message("Last hour") String lastHour();
    @Message("Previous hour") String previousHour();
    @Message("First seen") String firstSeen();
    @Message("Last seen") String lastSeen();
    @Message("Clarification clock") String clarifyClock();
    @Message("Spike alerts") String spikes();
    @Message("Title") String title();
    @Message("Save") String save();
    @Message("Dismiss") String dismiss();
    @Message("Answer later rumors automatically (other messages are offered the reply)") String autoAnswer();
    @Message("Arabic text (required)") String textAr();
    @Message("English text") String textEn();
    @Message("French text") String textFr();
    @Message("Link") String link();
    @Message("Save the clarification") String saveClarification();
    @Message("Publish to every open case") String publish();
    @Message("Publish this clarification to every open case of the cluster?") String confirmPublish();
    @Message("Merge clusters into this one (ids, comma-separated)") String mergeIds();
    @Message("Merge") String merge();
    @Message("Possibly the same claim") String related();
    @Message("Open clusters whose messages are partly alike, most alike first. Merge one only if it is the same claim.") String relatedHint();
    @Message("messages: {count}, alike {similarity}") String relatedFigures(int count, double similarity);
    @Message("Merge into this cluster") String mergeHere();
    @Message("Gather more tellings") String gather();
    @Message("Search every message (any spelling; \"phrases\", OR, -word), tick the tellings of this claim that were put elsewhere, and move them into this cluster.") String gatherHint();
    @Message("Move the ticked messages here") String gatherMove();
    @Message("Words this claim is told with") String claimWords();
    @Message("Teach the desk the words people use for this claim, in every variety, separated by | or commas: word, word* (starting with), *word* (inside a word), or a phrase. Later messages using any of them are compared with this cluster as tellings of one event; name the claim (a clown mask, a meteorite), not what every claim of its kind says (arrested, banned), and not places. Empty forgets them.") String claimWordsHint();
    @Message("Find the messages that use these words") String gatherWords();
    @Message("Teach these words") String teachWords();
    @Message("no cluster") String noCluster();
    @Message("{count} of the hits are already in this cluster") String alreadyHere(int count);
    @Message("Split the selected messages into a new cluster") String split();
    @Message("Title of the new cluster") String newTitle();
    @Message("No clusters.") String noClusters();

    @Message("Supervisor dashboard") String dashboardTitle();
    @Message("SLA compliance per day (%)") String compliance();
    @Message("First response per day, minutes (p50 / p90)") String firstResponseTimes();
    @Message("Backlog per queue") String backlog();
    @Message("Breach list") String breaches();
    @Message("Workload per responder (last 7 days)") String workload();
    @Message("Reassign") String reassign();
    @Message("Export CSV") String exportCsv();
    @Message("Responder") String responder();
    @Message("Arrivals") String arrivals();
    @Message("Answered") String answered();
    @Message("Resolved") String resolved();
    @Message("Clarified within target") String clarifiedInTarget();

    @Message("Users and roles") String users();
    @Message("Roles") String roles();
    @Message("Create user") String createUser();
    @Message("Routing rules") String routingRules();
    @Message("SLA policies") String slaPolicies();
    @Message("Reload policy files") String reloadPolicies();
    @Message("Classification model") String model();
    @Message("Version") String version();
    @Message("Reload model") String reloadModel();
    @Message("Evaluation report") String evaluation();
    @Message("Search index") String index();
    @Message("Documents") String documents();
    @Message("Rebuild index") String rebuildIndex();
    @Message("Progress") String progress();
}
