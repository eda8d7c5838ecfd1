/* The forum editor: a toolbar and a preview tab over a plain Markdown textarea.
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

        function show(previewing) {
            writeTab.setAttribute("aria-selected", String(!previewing));
            previewTab.setAttribute("aria-selected", String(previewing));
            preview.hidden = !previewing;
            textarea.hidden = previewing;
            toolbar.hidden = previewing;
            if (!previewing) { textarea.focus(); return; }
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
        show(false);
        textarea.blur();

        var label = editor.querySelector("label");
        var anchor = label ? label.nextSibling : textarea;
        editor.insertBefore(tabs, anchor);
        editor.insertBefore(toolbar, textarea);
        textarea.parentNode.insertBefore(preview, textarea.nextSibling);

        // One submit per click: a second click while the first is on its way does nothing.
        form.addEventListener("submit", function () {
            var button = form.querySelector("button[type=submit]");
            if (button) { setTimeout(function () { button.disabled = true; }, 0); }
        });
    }

    document.querySelectorAll(".editor").forEach(setUp);
}());
