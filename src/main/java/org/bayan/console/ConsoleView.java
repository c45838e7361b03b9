package org.bayan.console;

/**
 * What every console page needs besides its own data: who is signed in, the language and writing direction
 * of the page, the token its forms must carry, and a notice or error left by the previous action.
 */
public record ConsoleView(String username, boolean supervisor, boolean admin, String lang, String dir,
                          String formToken, String active, String notice, String error,
                          String here) {

    /** Link that switches the console to {@code language} and comes back to this page. */
    public String languageLink(String language) {
        return "/lang/" + language + "?back=" + java.net.URLEncoder.encode(here == null ? "/console" : here,
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
