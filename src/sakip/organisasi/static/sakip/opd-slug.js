// The OPD form: while the name is typed, propose its slug (as Django's slugify would), until
// the slug field is typed in by hand. The server proposes one too when the field is left empty.
(function () {
  "use strict";
  function slugify(text) {
    return text
      .normalize("NFKD")
      .replace(/[^\x00-\x7f]/g, "")
      .toLowerCase()
      .replace(/[^\w\s-]/g, "")
      .replace(/[-\s]+/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "")
      .slice(0, 50);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-slug-source]").forEach(function (source) {
      var target = document.getElementById(source.getAttribute("data-slug-source"));
      if (!target) return;
      var typed = target.value !== "";
      target.addEventListener("input", function () { typed = target.value !== ""; });
      source.addEventListener("input", function () {
        if (!typed) target.value = slugify(source.value);
      });
    });
  });
})();
