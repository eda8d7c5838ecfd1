// A button that copies a new API key. Without this script (or without clipboard access)
// the key stays in a read-only field to select and copy by hand.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    field.addEventListener("focus", function () { field.select(); });
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          button.textContent = button.getAttribute("data-copied");
          window.setTimeout(function () { button.textContent = label; }, 2000);
        },
        function () { field.focus(); field.select(); }
      );
    });
  });
})();
