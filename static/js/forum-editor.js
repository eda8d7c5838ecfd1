/* The forum editor: a toolbar and a preview tab over a plain Markdown textarea, drafts
   saved while typing, and names suggested after "@".
   Without JavaScript the textarea works as it is; this only adds to it. */
(function () {
    "use strict";

    var TOOLS = [
        { key: "bold", label: "Vet", before: "**", after: "**", sample: "vette tekst" },
        { key: "italic", label: "Cursief", before: "*", after: "*", sample: "schuine tekst" },
        { key: "list", label: "Lijst", line: "- ", sample: "punt" },
        { key: "link", label: "Link", before: "[", after: "](https://)", sample: "tekst van de link" },
        { key: "quote", label: "Citaat", line: "> ", sample: "citaat" }
    ];

    function wrap(textarea, tool) {
        var start = textarea.selectionStart, end = textarea.selectionEnd;
        var value = textarea.value, chosen = value.slice(start, end) || tool.sample;
        var text;
        if (tool.line) {
            text = chosen.split("\n").map(function (line) { return tool.line + line; }).join("\n");
            if (start > 0 && value[start - 1] !== "\n") { text = "\n" + text; }
        } else {
            text = tool.before + chosen + tool.after;
        }
        textarea.setRangeText(text, start, end, "end");
        textarea.focus();
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function csrfToken(form) {
        var input = form.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    function setUp(editor) {
        var textarea = editor.querySelector("textarea");
        var form = editor.closest("form");
        if (!textarea || !form) { return; }

        var toolbar = document.createElement("div");
        toolbar.className = "editor__toolbar";
        toolbar.setAttribute("role", "toolbar");
        toolbar.setAttribute("aria-label", "Opmaak");
        TOOLS.forEach(function (tool) {
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = tool.label;
            button.addEventListener("click", function () { wrap(textarea, tool); });
            toolbar.appendChild(button);
        });

        var tabs = document.createElement("div");
        tabs.className = "editor__tabs";
        tabs.setAttribute("role", "tablist");
        var writeTab = document.createElement("button");
        var previewTab = document.createElement("button");
        [writeTab, previewTab].forEach(function (tab, i) {
            tab.type = "button";
            tab.setAttribute("role", "tab");
            tab.textContent = i === 0 ? editor.dataset.labelWrite : editor.dataset.labelPreview;
            tabs.appendChild(tab);
        });
        var preview = document.createElement("div");
        preview.className = "editor__preview post__body";
        preview.setAttribute("role", "tabpanel");
        preview.setAttribute("aria-live", "polite");
        preview.hidden = true;

        function show(previewing, quietly) {
            writeTab.setAttribute("aria-selected", String(!previewing));
            previewTab.setAttribute("aria-selected", String(previewing));
            preview.hidden = !previewing;
            textarea.hidden = previewing;
            toolbar.hidden = previewing;
            if (!previewing) {
                if (!quietly) { textarea.focus(); }
                return;
            }
            preview.textContent = "…";
            var body = new FormData();
            body.append("body", textarea.value);
            fetch(editor.dataset.previewUrl, {
                method: "POST", body: body, credentials: "same-origin",
                headers: { "X-CSRFToken": csrfToken(form) }
            }).then(function (response) {
                return response.ok ? response.json() : Promise.reject(response.status);
            }).then(function (data) {
                // The server renders through portal.markdown: sanitised with nh3's allow-list.
                preview.innerHTML = data.html;
            }).catch(function () {
                preview.textContent = "De voorbeeldweergave lukte niet. Je tekst is niet verloren.";
            });
        }
        writeTab.addEventListener("click", function () { show(false); });
        previewTab.addEventListener("click", function () { show(true); });
        tabs.addEventListener("keydown", function (event) {
            if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
                var next = document.activeElement === writeTab ? previewTab : writeTab;
                next.focus();
                next.click();
            }
        });
        // Set up without moving the focus: a keyboard user may already be elsewhere.
        show(false, true);

        // The textarea sits in its field's wrapper (includes/field.html), after its label.
        var label = editor.querySelector("label[for='" + textarea.id + "']");
        if (label) {
            label.parentNode.insertBefore(tabs, label.nextSibling);
        } else {
            textarea.parentNode.insertBefore(tabs, textarea);
        }
        textarea.parentNode.insertBefore(toolbar, textarea);
        textarea.parentNode.insertBefore(preview, textarea.nextSibling);

        // Files over the limits are caught before they travel (and before the proxy refuses
        // the whole request): this listener comes first and may cancel the submit.
        setUpAttachments(form);

        // One submit per click: a second click while the first is on its way does nothing.
        form.addEventListener("submit", function (event) {
            var button = form.querySelector("button[type=submit]");
            if (button) {
                setTimeout(function () { if (!event.defaultPrevented) { button.disabled = true; } }, 0);
            }
        });

        setUpDraft(editor, form, textarea);
        setUpMentions(editor, textarea);
    }

    /* Attachments: the server checks every file; this only spares a long upload that would be
       refused for its size or number. */
    function setUpAttachments(form) {
        var field = form.querySelector(".attachments-field");
        var input = field && field.querySelector("input[type=file]");
        if (!input) { return; }
        var maxBytes = Number(field.dataset.maxBytes), maxTotal = Number(field.dataset.maxTotal);
        var maxFiles = Number(field.dataset.maxFiles);
        var message = document.createElement("p");
        message.className = "field__error";
        message.setAttribute("role", "alert");
        message.hidden = true;
        input.parentNode.insertBefore(message, input.nextSibling);

        function problem() {
            var files = Array.prototype.slice.call(input.files || []);
            var total = 0;
            if (files.length > maxFiles) { return field.dataset.labelTooMany; }
            for (var i = 0; i < files.length; i++) {
                if (files[i].size > maxBytes) {
                    return field.dataset.labelTooLarge.replace("{name}", files[i].name);
                }
                total += files[i].size;
            }
            return total > maxTotal ? field.dataset.labelTooMuch : "";
        }

        function show() {
            var text = problem();
            message.textContent = text;
            message.hidden = !text;
            return text;
        }

        input.addEventListener("change", show);
        form.addEventListener("submit", function (event) {
            if (show()) {
                event.preventDefault();
                input.focus();
            }
        });
    }

    /* Drafts: saved on the server 1.5 s after typing stops, and when the page is hidden or
       left (sendBeacon, which outlives the page). The server answers with the time. */
    var DRAFT_DELAY = 1500;

    function setUpDraft(editor, form, textarea) {
        var url = editor.dataset.draftUrl;
        var status = editor.querySelector(".editor__status");
        if (!url || !status || !window.fetch || !window.FormData) { return; }
        var title = form.querySelector("input[name=title]");
        var key = form.querySelector("input[name=submission_key]");
        var timer = null;
        var submitting = false;

        function snapshot() { return (title ? title.value : "") + "\u0000" + textarea.value; }
        var lastSent = snapshot();

        function payload() {
            var data = new FormData();
            data.append("csrfmiddlewaretoken", csrfToken(form));
            if (editor.dataset.draftTopic) { data.append("topic", editor.dataset.draftTopic); }
            if (editor.dataset.draftSpace) { data.append("space", editor.dataset.draftSpace); }
            if (title) { data.append("title", title.value); }
            data.append("body", textarea.value);
            if (key) { data.append("submission_key", key.value); }
            return data;
        }

        function save() {
            clearTimeout(timer);
            timer = null;
            var current = snapshot();
            if (submitting || current === lastSent) { return; }
            lastSent = current;
            fetch(url, {
                method: "POST", body: payload(), credentials: "same-origin",
                headers: { "X-CSRFToken": csrfToken(form), "Accept": "application/json" }
            }).then(function (response) {
                return response.ok ? response.json() : Promise.reject(response.status);
            }).then(function (result) {
                if (result.saved) {
                    status.textContent = editor.dataset.labelDraftSaved.replace("{time}", result.time);
                } else if (result.reason === "empty") {
                    status.textContent = "";
                }
            }).catch(function () {
                lastSent = null; // try again with the next change
                status.textContent = editor.dataset.labelDraftFailed;
            });
        }

        function changed() {
            clearTimeout(timer);
            timer = setTimeout(save, DRAFT_DELAY);
        }

        function saveOnLeaving() {
            if (submitting || snapshot() === lastSent || !navigator.sendBeacon) { return; }
            clearTimeout(timer);
            if (navigator.sendBeacon(url, payload())) { lastSent = snapshot(); }
        }

        textarea.addEventListener("input", changed);
        if (title) { title.addEventListener("input", changed); }
        document.addEventListener("visibilitychange", function () {
            if (document.visibilityState === "hidden") { saveOnLeaving(); }
        });
        window.addEventListener("pagehide", saveOnLeaving);
        // The post itself is on its way: a late draft would outlive it (the server also
        // refuses a draft whose post is saved, by the form's submission key).
        form.addEventListener("submit", function (event) {
            if (event.defaultPrevented) { return; }
            submitting = true;
            clearTimeout(timer);
        });
        window.addEventListener("pageshow", function (event) {
            if (event.persisted) { submitting = false; }
        });
    }

    /* @mentions: after "@" and two letters, the members who may see this space are
       suggested in a listbox under the textarea (arrow keys, Enter or Tab, Escape). */
    var MENTION = /(?:^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_.\-]{2,40})$/u;

    function setUpMentions(editor, textarea) {
        var url = editor.dataset.membersUrl;
        var space = editor.dataset.space;
        if (!url || !space || !window.fetch) { return; }
        var listbox = document.createElement("ul");
        var status = document.createElement("p");
        var options = [];
        var active = -1;
        var token = null; // {start, end, query} of the "@name" being typed
        var dismissed = null;
        var timer = null;
        var asked = "";

        listbox.id = textarea.id + "-mentions";
        listbox.className = "autocomplete mention-list";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", editor.dataset.labelMembers || "");
        listbox.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        textarea.parentNode.insertBefore(listbox, textarea.nextSibling);
        textarea.parentNode.insertBefore(status, listbox.nextSibling);
        textarea.setAttribute("aria-autocomplete", "list");
        textarea.setAttribute("aria-controls", listbox.id);

        function close() {
            listbox.hidden = true;
            textarea.removeAttribute("aria-activedescendant");
            options = [];
            active = -1;
        }

        function highlight(index) {
            options.forEach(function (option, i) {
                option.element.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                textarea.setAttribute("aria-activedescendant", options[index].element.id);
                options[index].element.scrollIntoView({ block: "nearest" });
            }
        }

        function choose(index) {
            var option = options[index];
            if (!option || !token) { return; }
            var text = "@" + option.username + " ";
            textarea.setRangeText(text, token.start, token.end, "end");
            close();
            token = null;
            textarea.focus();
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
        }

        function render(people) {
            listbox.textContent = "";
            options = people.map(function (person, i) {
                var element = document.createElement("li");
                element.id = listbox.id + "-" + i;
                element.className = "autocomplete__option";
                element.setAttribute("role", "option");
                element.setAttribute("aria-selected", "false");
                var name = document.createElement("span");
                name.textContent = person.name + " (@" + person.username + ")";
                element.appendChild(name);
                if (person.organisation) {
                    var organisation = document.createElement("span");
                    organisation.className = "autocomplete__kind";
                    organisation.textContent = person.organisation;
                    element.appendChild(organisation);
                }
                element.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep the focus in the textarea
                    choose(i);
                });
                listbox.appendChild(element);
                return { element: element, username: person.username };
            });
            if (options.length) {
                listbox.hidden = false;
                highlight(0);
                status.textContent = (editor.dataset.labelMemberCount || "{n}").replace("{n}", options.length);
            } else {
                close();
                status.textContent = "";
            }
        }

        function currentToken() {
            if (textarea.selectionStart !== textarea.selectionEnd) { return null; }
            var end = textarea.selectionStart;
            var match = MENTION.exec(textarea.value.slice(Math.max(0, end - 60), end));
            if (!match) { return null; }
            return { start: end - match[1].length - 1, end: end, query: match[1] };
        }

        function lookUp() {
            token = currentToken();
            if (!token || (dismissed !== null && dismissed === token.start)) {
                close();
                return;
            }
            var query = token.query;
            if (query === asked && !listbox.hidden) { return; }
            asked = query;
            var address = url + "?ruimte=" + encodeURIComponent(space) + "&q=" + encodeURIComponent(query);
            fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (people) {
                    var now = currentToken();
                    if (now && now.query === query) { token = now; render(people); }
                })
                .catch(close);
        }

        textarea.addEventListener("input", function () {
            clearTimeout(timer);
            var now = currentToken();
            if (!now) { close(); token = null; dismissed = null; return; }
            timer = setTimeout(lookUp, 150);
        });
        textarea.addEventListener("keydown", function (event) {
            if (listbox.hidden) { return; }
            if (event.key === "ArrowDown") {
                highlight(active + 1 >= options.length ? 0 : active + 1);
                event.preventDefault();
            } else if (event.key === "ArrowUp") {
                highlight(active <= 0 ? options.length - 1 : active - 1);
                event.preventDefault();
            } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
                choose(active);
                event.preventDefault();
            } else if (event.key === "Escape") {
                dismissed = token ? token.start : null;
                close();
                event.preventDefault();
            }
        });
        textarea.addEventListener("blur", function () { setTimeout(close, 150); });
        textarea.addEventListener("click", close);
    }

    document.querySelectorAll(".editor").forEach(setUp);
}());
