// Move focus to the error summary when a form comes back with errors, so screen-reader and
// keyboard users hear what went wrong first (GOV.UK error summary pattern).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// A table wider than the screen scrolls sideways inside its wrapper. So that keyboard users can
// reach and scroll it too (WCAG 2.1.1), a wrapper that scrolls becomes a focusable region named
// after its table's caption; one that fits stays out of the tab order.
function markScrollingTables() {
  document.querySelectorAll(".table-responsive-sm").forEach(function (wrapper) {
    var caption = wrapper.querySelector("caption");
    if (wrapper.scrollWidth > wrapper.clientWidth) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      if (caption) {
        wrapper.setAttribute("aria-label", caption.textContent.trim());
      }
    } else {
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
  });
}
document.addEventListener("DOMContentLoaded", markScrollingTables);
window.addEventListener("resize", markScrollingTables);

// Copy buttons: a button with data-copy="<id>" copies that field's text (an address, a snippet
// for the school's website) and says so in the page's status region.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute("data-copy"));
  var status = document.querySelector("[data-copy-status]");
  var say = function (words) {
    if (status) {
      status.textContent = words;
      status.classList.remove("visually-hidden");
    }
  };
  var fallback = function () {
    field.select();
    say("Selected: press Ctrl+C (or Cmd+C) to copy.");
  };
  if (!field) {
    return;
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(function () {
      say("Copied: " + button.textContent.replace(/^Copy /, "") + ".");
    }, fallback);
  } else {
    fallback();
  }
});
