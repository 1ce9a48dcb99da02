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
