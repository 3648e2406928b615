/* quizgen present mode: one question at a time; arrows move, R reveals, P shows the
   article paragraph. The answers and paragraphs are <details>, so the page reads whole
   without this script. */
(function () {
  "use strict";
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var controls = document.querySelector(".controls");
  var counter = document.querySelector("[data-role=counter]");
  function action(name) { return document.querySelector('[data-action="' + name + '"]'); }
  var prev = action("prev"), next = action("next");
  var reveal = action("reveal"), paragraph = action("paragraph");
  var current = -1;
  if (!slides.length) { return; }

  function part(name) { return slides[current].querySelector("[data-role=" + name + "]"); }

  function sync() {
    var shown = part("reveal"), para = part("paragraph");
    reveal.setAttribute("aria-pressed", String(!!(shown && shown.open)));
    reveal.firstChild.textContent = shown && shown.open ? "Hide answer " : "Reveal answer ";
    if (paragraph) {
      paragraph.disabled = !para;
      paragraph.setAttribute("aria-pressed", String(!!(para && para.open)));
    }
  }

  function go(n) {
    n = Math.max(0, Math.min(slides.length - 1, n));
    if (n === current) { return; }
    var active = document.activeElement;
    var focusInSlide = !active || active === document.body || !!active.closest(".slide");
    current = n;
    slides.forEach(function (slide, i) { slide.hidden = i !== n; });
    counter.textContent = (n + 1) + " / " + slides.length;
    prev.disabled = n === 0;
    next.disabled = n === slides.length - 1;
    sync();
    if (window.history && history.replaceState) {
      try { history.replaceState(null, "", "#q-" + (n + 1)); } catch (err) { /* file:// in some browsers */ }
    }
    slides[n].scrollTop = 0;
    if (focusInSlide) { slides[n].querySelector(".slide-prompt").focus({ preventScroll: true }); }
  }

  function toggle(name) {
    var details = part(name);
    if (!details) { return; }
    details.open = !details.open;
    sync();
    if (details.open) { details.scrollIntoView({ block: "nearest" }); }
  }

  prev.addEventListener("click", function () { go(current - 1); });
  next.addEventListener("click", function () { go(current + 1); });
  reveal.addEventListener("click", function () { toggle("reveal"); });
  if (paragraph) { paragraph.addEventListener("click", function () { toggle("paragraph"); }); }
  slides.forEach(function (slide) { slide.addEventListener("toggle", sync, true); });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown") { go(current + 1); }
    else if (key === "ArrowLeft" || key === "PageUp") { go(current - 1); }
    else if (key === "Home") { go(0); }
    else if (key === "End") { go(slides.length - 1); }
    else if (key === "r" || key === "R") { toggle("reveal"); }
    else if ((key === "p" || key === "P") && paragraph) { toggle("paragraph"); }
    else { return; }
    event.preventDefault();
  });

  root.classList.add("is-presenting");
  controls.hidden = false;
  var start = /^#q-(\d+)$/.exec(window.location.hash);
  go(start ? Number(start[1]) - 1 : 0);
  root.setAttribute("data-ready", "");
})();
