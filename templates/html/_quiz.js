/* quizgen quiz: grades in the page, shows why, reshuffles on "Try again".
   Deck text is only ever copied as text (textContent) or cloned from parsed markup:
   nothing is parsed as HTML here. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("quiz-data").textContent);
  var answers = data.answers;
  var sourceLine = document.getElementById("source-line").content;
  var LETTERS = "ABCDE";
  var list = document.querySelector(".questions");
  var result = document.querySelector("[data-role=result]");
  var announce = document.querySelector("[data-role=announce]");
  var progress = document.querySelector("[data-role=progress]");
  var check = document.querySelector("[data-action=check]");
  var retries = document.querySelectorAll("[data-action=retry]");
  var bar = document.querySelector(".actions");
  // The bar and the notice are optional: a page made from an overriding template may lack them.
  var barRetry = bar && bar.querySelector("[data-action=retry]");
  var notice = result.querySelector("[data-role=unanswered]");
  var versions = document.querySelectorAll("[data-role=version]");
  var each = function (nodes, fn) { Array.prototype.forEach.call(nodes, fn); };
  var total = list.querySelectorAll(".question").length;

  function questions() { return Array.prototype.slice.call(list.querySelectorAll(".question")); }
  function options(q) { return Array.prototype.slice.call(q.querySelectorAll(".options > label")); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function letterOf(option) { return option.querySelector(".letter").textContent; }
  function textOf(option) { return option.querySelector(".letter").nextElementSibling.textContent; }

  function showProgress() {
    var answered = list.querySelectorAll("input:checked").length;
    progress.textContent = answered + " of " + plural(total, "question") + " answered";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  function mark(option, className, text) {
    option.classList.add(className);
    option.appendChild(element("span", "mark", text));
  }

  function gradeOne(q) {
    var key = answers[q.dataset.itemId];
    var chosen = q.querySelector("input:checked");
    var state = !chosen ? "unanswered" : chosen.value === key ? "correct" : "incorrect";
    var feedback = q.querySelector(".feedback");
    var answer = null;
    options(q).forEach(function (option) {
      var input = option.querySelector("input");
      input.disabled = true;
      if (input.value === key) {
        answer = option;
        mark(option, "is-answer", input.checked ? "your answer: correct" : "correct answer");
      } else if (input.checked) {
        mark(option, "is-wrong", "your answer");
      }
    });
    var verdict = feedback.querySelector(".verdict");
    var answerLine = feedback.querySelector(".answer-line");
    answerLine.textContent = "";
    if (state === "correct") {
      verdict.textContent = "Correct.";
    } else {
      answerLine.appendChild(element("strong", "", "The answer is " + letterOf(answer) + ":"));
      answerLine.appendChild(document.createTextNode(" " + textOf(answer)));
      if (state === "incorrect") {
        var option = chosen.parentNode;
        verdict.textContent = "Incorrect: you chose " + letterOf(option) + ".";
        var why = feedback.querySelector('[data-why="' + chosen.value + '"]');
        why.insertBefore(element("strong", "why-not", "Why not “" + textOf(option) + "”? "),
          why.firstChild);
        why.hidden = false;
      } else {
        verdict.textContent = "Not answered.";
      }
    }
    answerLine.hidden = state === "correct";
    var caption = feedback.querySelector("figcaption");
    if (!caption.firstChild) { caption.appendChild(sourceLine.cloneNode(true)); }
    q.dataset.state = state;
    feedback.hidden = false;
    return state;
  }

  function grade() {
    // Grading never waits on a dialog: unanswered questions are said, and graded as wrong.
    var answered = list.querySelectorAll("input:checked").length;
    var warning = answered < total ?
      answered + " of " + total + " answered; unanswered questions count as wrong." : "";
    if (notice) {
      notice.textContent = warning;
      notice.hidden = !warning;
    }
    var right = 0, unanswered = 0, kinds = {};
    questions().forEach(function (q) {
      var state = gradeOne(q);
      var kind = kinds[q.dataset.kind] || (kinds[q.dataset.kind] = { right: 0, total: 0 });
      kind.total += 1;
      if (state === "correct") { right += 1; kind.right += 1; }
      if (state === "unanswered") { unanswered += 1; }
    });
    var score = right + " / " + total;
    result.querySelector("[data-role=score]").textContent = score;
    var summary = plural(right, "right answer") + ", " +
      plural(total - right - unanswered, "wrong answer") +
      (unanswered ? ", " + unanswered + " not answered" : "") + ".";
    result.querySelector("[data-role=summary]").textContent = summary;
    each(result.querySelectorAll(".kind"), function (li) {
      var kind = kinds[li.dataset.kind] || { right: 0, total: 0 };
      li.querySelector(".kind-score").textContent = kind.right + " / " + kind.total;
      li.querySelector(".bar-fill").style.width =
        (kind.total ? 100 * kind.right / kind.total : 0) + "%";
    });
    document.body.classList.add("is-graded");
    result.hidden = false;
    check.hidden = true;
    if (barRetry) { barRetry.hidden = false; }
    progress.textContent = "Score: " + score;
    announce.textContent = (warning ? warning + " " : "") + "Score " + score + ". " + summary;
    result.querySelector("#result-title").focus();
  }

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = items[i]; items[i] = items[j]; items[j] = t;
    }
    return items;
  }

  function reset() {
    shuffle(questions()).forEach(function (q, n) {
      q.querySelector(".num").textContent = (n + 1) + ".";
      var box = q.querySelector(".options");
      shuffle(options(q)).forEach(function (option, i) {
        var input = option.querySelector("input");
        input.checked = false;
        input.disabled = false;
        option.classList.remove("is-answer", "is-wrong");
        each(option.querySelectorAll(".mark"), function (m) { m.remove(); });
        option.querySelector(".letter").textContent = LETTERS.charAt(i);
        box.appendChild(option);
      });
      var feedback = q.querySelector(".feedback");
      feedback.hidden = true;
      each(feedback.querySelectorAll(".why"), function (p) { p.hidden = true; });
      each(feedback.querySelectorAll(".why-not"), function (s) { s.remove(); });
      delete q.dataset.state;
      list.appendChild(q);
    });
    document.body.classList.remove("is-graded");
    result.hidden = true;
    check.hidden = false;
    if (barRetry) { barRetry.hidden = true; }
    if (notice) { notice.hidden = true; }
    // The printed version no longer describes this order.
    each(versions, function (v) { v.textContent = "Version " + data.version + ", reshuffled"; });
    showProgress();
    announce.textContent = "Answers cleared; questions and options reshuffled.";
    window.scrollTo(0, 0);
    list.querySelector("input").focus();
  }

  // Keep focused options clear of the sticky bar, however tall it is drawn (zoom, wrapping);
  // the stylesheet's scroll-padding-bottom guesses until the first measure.
  if (window.ResizeObserver && bar) {
    new ResizeObserver(function () {
      document.documentElement.style.scrollPaddingBottom = (bar.offsetHeight + 12) + "px";
    }).observe(bar);
  }
  // The browser brings the focused radio into view; its label (which draws the focus ring)
  // is taller: bring the whole label clear of the bar.
  list.addEventListener("focusin", function (event) {
    var label = event.target.closest && event.target.closest(".options > label");
    if (label) { label.scrollIntoView({ block: "nearest" }); }
  });
  list.addEventListener("change", showProgress);
  check.addEventListener("click", grade);
  each(retries, function (button) { button.addEventListener("click", reset); });
  showProgress();
  check.disabled = false;
  window.quizgenReadyAt = performance.now();
  document.documentElement.setAttribute("data-ready", "");
})();
