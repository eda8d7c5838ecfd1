/* Forum posts: reactions in place and quoting into the reply.
   Without JavaScript both work already: a reaction is a small form that posts and comes
   back to the post, and the quote link opens the reply form with the quote filled in.
   This only makes them quicker. */
(function () {
    "use strict";

    function csrfToken(form) {
        var input = form.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    // Reactions ---------------------------------------------------------------------------

    function showReaction(form, data) {
        var button = form.querySelector(".reaction__button");
        var count = form.querySelector(".reaction__count");
        var who = form.querySelector(".reaction__who");
        var state = form.querySelector("input[name=state]");
        button.setAttribute("aria-pressed", String(data.mine));
        count.textContent = data.count ? String(data.count) : "";
        count.setAttribute("data-count", String(data.count));
        who.textContent = data.label + ": " + data.who;
        if (state) { state.value = data.mine ? "off" : "on"; }
    }

    function react(event) {
        var form = event.target.closest(".reaction");
        if (!form) { return; }
        event.preventDefault();
        var button = form.querySelector(".reaction__button");
        if (button.getAttribute("aria-busy") === "true") { return; }
        button.setAttribute("aria-busy", "true");
        fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            credentials: "same-origin",
            headers: { "X-CSRFToken": csrfToken(form), "Accept": "application/json" }
        }).then(function (response) {
            return response.ok ? response.json() : Promise.reject(response.status);
        }).then(function (data) {
            showReaction(form, data);
        }).catch(function () {
            // The page without the script knows what to say (a deleted post, a lost session).
            form.submit();
        }).then(function () {
            button.removeAttribute("aria-busy");
        });
    }

    document.addEventListener("submit", react);

    // Who reacted shows on hover and focus; Escape hides it again (WCAG 1.4.13).
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        var form = document.activeElement && document.activeElement.closest
            ? document.activeElement.closest(".reaction") : null;
        if (form) { form.classList.add("reaction--quiet"); }
    });
    document.addEventListener("focusout", function (event) {
        var form = event.target.closest && event.target.closest(".reaction");
        if (form) { form.classList.remove("reaction--quiet"); }
    });

    // Quoting -----------------------------------------------------------------------------

    function escapeHeading(text) {
        return text.replace(/([\\`*_\[\]<>])/g, "\\$1");
    }

    function quoteLines(text) {
        return text.replace(/\r\n/g, "\n").trim().split("\n").map(function (line) {
            return ("> " + line).replace(/\s+$/, "");
        }).join("\n");
    }

    function selectionIn(body) {
        var selection = window.getSelection ? window.getSelection() : null;
        if (!selection || selection.isCollapsed || !selection.rangeCount) { return ""; }
        var range = selection.getRangeAt(0);
        if (!body.contains(range.commonAncestorContainer)) { return ""; }
        return selection.toString().trim();
    }

    function replyTextarea() {
        return document.querySelector(".reply textarea[name=body]");
    }

    function insert(textarea, text) {
        // Back to the write tab if the preview is open.
        var tabs = textarea.closest(".editor") && textarea.closest(".editor").querySelectorAll("[role=tab]");
        if (textarea.hidden && tabs && tabs.length) { tabs[0].click(); }
        var value = textarea.value;
        var before = value && !/\n\n$/.test(value) ? (/\n$/.test(value) ? "\n" : "\n\n") : "";
        textarea.value = value + before + text;
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
        var title = document.getElementById("reply-title");
        if (title) { title.scrollIntoView({ block: "start" }); }
        textarea.focus();
        textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    }

    function quote(event) {
        var link = event.target.closest(".post__quote");
        if (!link) { return; }
        var textarea = replyTextarea();
        var post = link.closest(".post");
        var body = post ? post.querySelector(".post__body") : null;
        if (!textarea || !body) { return; }  // follow the link: the server fills the form
        event.preventDefault();
        var chosen = selectionIn(body);
        if (chosen) {
            var heading = escapeHeading(link.dataset.quoteHeading);
            insert(textarea, "[" + heading + "](" + link.dataset.quoteLink + "):\n" + quoteLines(chosen) + "\n\n");
            return;
        }
        fetch(link.dataset.quoteUrl, {
            credentials: "same-origin", headers: { "Accept": "application/json" }
        }).then(function (response) {
            return response.ok ? response.json() : Promise.reject(response.status);
        }).then(function (data) {
            insert(textarea, data.text);
        }).catch(function () {
            window.location.href = link.href;
        });
    }

    // The selection must survive the press: keep the mouse down from clearing it.
    document.addEventListener("mousedown", function (event) {
        if (event.target.closest && event.target.closest(".post__quote")) { event.preventDefault(); }
    });
    document.addEventListener("click", quote);
}());
