// Suggestions under the header search box: the ARIA 1.2 combobox pattern.
// Without this script the box is a plain search form.
(function () {
  "use strict";
  var form = document.querySelector("[data-autocomplete-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var listbox = document.createElement("ul");
  var status = document.createElement("p");
  var timer = null;
  var options = [];
  var active = -1;
  var lastQuery = "";

  listbox.id = input.id + "-suggestions";
  listbox.className = "autocomplete";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", form.dataset.labelSuggestions);
  listbox.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(listbox);
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach(function (option, i) {
      option.element.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].element.id);
      options[index].element.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    var option = options[index];
    if (!option) return;
    if (option.url) {
      window.location.href = option.url;
    } else {
      input.value = option.label;
      form.submit();
    }
  }

  function render(suggestions) {
    listbox.textContent = "";
    options = suggestions.map(function (suggestion, i) {
      var element = document.createElement("li");
      element.id = listbox.id + "-" + i;
      element.setAttribute("role", "option");
      element.setAttribute("aria-selected", "false");
      element.className = "autocomplete__option";
      var label = document.createElement("span");
      label.textContent = suggestion.label;
      element.appendChild(label);
      if (suggestion.kind_label) {
        var kind = document.createElement("span");
        kind.className = "autocomplete__kind";
        kind.textContent = suggestion.kind_label;
        element.appendChild(kind);
      }
      element.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus in the box
        choose(i);
      });
      listbox.appendChild(element);
      return { element: element, url: suggestion.url, label: suggestion.label };
    });
    active = -1;
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = form.dataset.labelCount.replace("{n}", options.length);
    } else {
      close();
      status.textContent = "";
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < 2) {
      close();
      return;
    }
    if (query === lastQuery) return;
    lastQuery = query;
    var url = form.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (input.value.trim() === query) render(data.suggestions || []);
      })
      .catch(close);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (listbox.hidden) {
      if (event.key === "ArrowDown" && input.value.trim().length >= 2) {
        lastQuery = "";
        fetchSuggestions();
        event.preventDefault();
      }
      return;
    }
    if (event.key === "ArrowDown") {
      highlight(active + 1 >= options.length ? 0 : active + 1);
      event.preventDefault();
    } else if (event.key === "ArrowUp") {
      highlight(active <= 0 ? options.length - 1 : active - 1);
      event.preventDefault();
    } else if (event.key === "Enter" && active >= 0) {
      choose(active);
      event.preventDefault();
    } else if (event.key === "Escape") {
      close();
      event.preventDefault();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
