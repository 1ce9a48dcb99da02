// "Add a person" on the incident form. Without JavaScript the page holds a few blank people
// behind "Add a person" (a <details>, opened without a reload). With it, opening the last blank
// person adds another from the page's <template>, and the formset's TOTAL_FORMS with it, until
// MAX_NUM_FORMS: as many people as needed, still without a reload.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-people]").forEach(function (people) {
    var total = people.querySelector("input[name$='-TOTAL_FORMS']");
    var most = people.querySelector("input[name$='-MAX_NUM_FORMS']");
    var template = document.getElementById(people.getAttribute("data-template"));
    if (!total || !most || !template) {
      return;
    }

    function spares() {
      return people.querySelectorAll("[data-person-spare]");
    }

    function addSpare() {
      var index = parseInt(total.value, 10);
      var existing = spares();
      if (index >= parseInt(most.value, 10) || existing.length === 0) {
        return;
      }
      var number = people.querySelectorAll(".incident-person").length + existing.length + 1;
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(number));
      existing[existing.length - 1].insertAdjacentHTML("afterend", html);
      total.value = String(index + 1);
    }

    // "toggle" does not bubble: listen in the capture phase for every spare, present or added.
    people.addEventListener(
      "toggle",
      function (event) {
        var opened = event.target;
        if (!opened.matches || !opened.matches("[data-person-spare]") || !opened.open) {
          return;
        }
        var all = spares();
        if (all[all.length - 1] === opened) {
          addSpare();
        }
        var first = opened.querySelector("input[type=radio], select, input:not([type=hidden])");
        if (first) {
          first.focus();
        }
      },
      true,
    );
  });
});
