// The report form in steps, and live suggestions of similar bottlenecks.
// Without this script the form is one page with four fieldsets; it works the same.
(function () {
  "use strict";
  var form = document.querySelector(".tracker-report");
  if (!form) return;
  var steps = Array.prototype.slice.call(form.querySelectorAll(".tracker-step"));
  var actions = form.querySelector(".form__actions");
  var current = 0;
  // A form that came back with errors opens at the first step with an error.
  steps.forEach(function (step, index) {
    if (current === 0 && step.querySelector(".field--error")) current = index;
  });
  var nav = document.createElement("div");
  nav.className = "tracker-step-nav";
  var back = document.createElement("button");
  back.type = "button";
  back.className = "button button--secondary";
  back.textContent = form.getAttribute("data-label-back");
  var next = document.createElement("button");
  next.type = "button";
  next.className = "button";
  next.textContent = form.getAttribute("data-label-next");
  nav.appendChild(back);
  nav.appendChild(next);
  form.insertBefore(nav, actions);

  function show(index) {
    current = index;
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    back.hidden = index === 0;
    next.hidden = index === steps.length - 1;
    actions.hidden = index !== steps.length - 1;
  }
  back.addEventListener("click", function () { show(current - 1); steps[current].querySelector("legend").focus(); });
  next.addEventListener("click", function () { show(current + 1); steps[current].querySelector("legend").focus(); });
  steps.forEach(function (step) { step.querySelector("legend").tabIndex = -1; });
  show(current);

  var box = form.querySelector(".tracker-live-similar");
  var title = form.querySelector("[name=title]");
  var url = form.getAttribute("data-similar-url");
  var timer = null;
  if (!box || !title || !url) return;
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = title.value.trim();
      if (text.length < 3) { box.hidden = true; return; }
      fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          box.textContent = "";
          if (!data.results.length) { box.hidden = true; return; }
          var heading = document.createElement("p");
          heading.textContent = form.getAttribute("data-label-similar");
          var list = document.createElement("ul");
          data.results.forEach(function (item) {
            var li = document.createElement("li");
            var link = document.createElement("a");
            link.href = item.url;
            link.textContent = item.title;
            li.appendChild(link);
            li.appendChild(document.createTextNode(" (" + item.status + ", " + item.confirmations + ")"));
            list.appendChild(li);
          });
          box.appendChild(heading);
          box.appendChild(list);
          box.hidden = false;
        })
        .catch(function () { box.hidden = true; });
    }, 400);
  });
})();
