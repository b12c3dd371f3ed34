// A button marked data-cetak prints the page (posters, code sheets): no inline onclick, which
// the Content-Security-Policy refuses.
document.addEventListener("click", function (e) {
  if (e.target.closest && e.target.closest("[data-cetak]")) window.print();
});
