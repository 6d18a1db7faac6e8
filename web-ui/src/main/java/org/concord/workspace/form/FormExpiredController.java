package org.concord.workspace.form;

import org.concord.workspace.layout.ErrorPage;
import org.concord.workspace.layout.Formats;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

/** Where a form refused for its CSRF token leads: nothing was recorded; go back, reload, send it again. */
@Controller
class FormExpiredController {

    static final String PATH = "/form-expired";

    @GetMapping(PATH)
    Rendering expired(Formats formats) {
        return Rendering.view("error")
                .modelAttribute("page", new ErrorPage(403, formats.message("form.error.expired.title"),
                        formats.message("form.error.expired.explanation"), null))
                .status(HttpStatus.FORBIDDEN)
                .build();
    }
}
