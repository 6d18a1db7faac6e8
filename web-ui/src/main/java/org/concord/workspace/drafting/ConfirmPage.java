package org.concord.workspace.drafting;

import org.concord.workspace.form.FormErrors;
import org.concord.workspace.layout.ConsultationNav;

/**
 * A page that asks before a step that cannot be undone (close a round, adopt the text).
 *
 * @param heading     "Close round 2?"
 * @param explanation what the step does and what follows from it
 * @param button      the button's words
 * @param actionPath  where the form posts
 * @param formKey     the form's key
 * @param errors      why the step was refused when it was tried, in the page's language
 * @param backHref    where "Cancel" leads
 */
record ConfirmPage(ConsultationNav nav, String heading, String explanation, String button, String actionPath, String formKey,
                   FormErrors errors, String backHref) {
}
