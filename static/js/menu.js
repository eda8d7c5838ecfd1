// The phone menu (account links and sections) as a disclosure button. Without this script
// the "Menu" link opens it through #menu:target; from 40rem up the toggle is hidden.
(function () {
  "use strict";
  // Filters that fold behind a disclosure on a phone are open beside the results on a wide
  // screen (CSS does this through ::details-content where the browser knows it).
  if (window.matchMedia && window.matchMedia("(min-width: 52.0625rem)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (details) {
      details.open = true;
    });
  }
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector("[data-menu-button]");
  if (!button) return;
  Array.prototype.forEach.call(header.querySelectorAll("[data-menu-link]"), function (link) {
    link.hidden = true;
  });
  button.hidden = false;
  header.classList.add("site-header--enhanced");
  if (window.location.hash === "#menu") header.classList.add("site-header--open");

  function setOpen(open) {
    header.classList.toggle("site-header--open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  setOpen(header.classList.contains("site-header--open"));

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" &&
        button.offsetParent !== null) {
      setOpen(false);
      button.focus();
    }
  });
})();
