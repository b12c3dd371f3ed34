// Paper grid: keyboard only. Enter moves to the next field (and saves on the last one); a
// one-character field moves on by itself once typed. After htmx swaps the row back in, the
// cursor goes to the first field with an error, or to the start of the next row.
(function () {
  function fields(form) {
    return Array.from(form.querySelectorAll("input:not([type=hidden]), select"));
  }
  function next(el) {
    var list = fields(el.form), i = list.indexOf(el);
    if (i >= 0 && i < list.length - 1) {
      list[i + 1].focus();
      if (list[i + 1].select) list[i + 1].select();
      return true;
    }
    return false;
  }
  document.addEventListener("keydown", function (e) {
    var el = e.target;
    if (e.key !== "Enter" || !el.form || !el.form.classList.contains("kertas-baris")) return;
    if (el.tagName === "BUTTON") return;
    if (next(el)) e.preventDefault();
  });
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (el.hasAttribute && el.hasAttribute("data-maju") && el.value.length >= el.maxLength) {
      next(el);
    }
  });
  function place() {
    var box = document.getElementById("kertas-isi");
    if (!box) return;
    var target = box.querySelector("[aria-invalid=true]") || box.querySelector("[autofocus]");
    if (target) { target.focus(); if (target.select) target.select(); }
  }
  document.addEventListener("htmx:afterSettle", place);
  document.addEventListener("DOMContentLoaded", place);
})();
