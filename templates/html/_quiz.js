/* quizgen quiz: grades in the page, shows why, keeps the student's answers in this browser,
   asks before clearing them, reopens the missed questions, links evidence to the article.
   Deck text is only ever copied as text (textContent) or cloned from parsed markup:
   nothing is parsed as HTML here. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("quiz-data").textContent);
  var answers = data.answers;
  var sourceLine = document.getElementById("source-line").content;
  var LETTERS = "ABCDE";
  var root = document.documentElement;
  var list = document.querySelector(".questions");
  var result = document.querySelector("[data-role=result]");
  var announce = document.querySelector("[data-role=announce]");
  var progress = document.querySelector("[data-role=progress]");
  var notice = result.querySelector("[data-role=unanswered]");
  var versions = document.querySelectorAll("[data-role=version]");
  var each = function (nodes, fn) { Array.prototype.forEach.call(nodes, fn); };
  var total = list.querySelectorAll(".question").length;
  var graded = false;

  // Everything below but the check button is optional: a page made from an overriding
  // template may lack the bar, the confirmation, the article or any of the other buttons.
  function action(name) { return document.querySelector('[data-action="' + name + '"]'); }
  var check = action("check");
  var retry = action("retry");
  var retryMissed = action("retry-missed");
  var clear = action("clear");
  var skip = action("skip");
  var bar = document.querySelector(".actions");
  var barButtons = bar && bar.querySelector(".bar-buttons");
  var confirmBox = document.querySelector("[data-role=confirm]");
  var article = document.querySelector("[data-role=article]");
  var toggle = action("article");
  var back = action("article-back");
  function show(node, shown) { if (node) { node.hidden = !shown; } }

  function questions() { return Array.prototype.slice.call(list.querySelectorAll(".question")); }
  function options(q) { return Array.prototype.slice.call(q.querySelectorAll(".options > label")); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function letterOf(option) { return option.querySelector(".letter").textContent; }
  function textOf(option) { return option.querySelector(".letter").nextElementSibling.textContent; }
  function numberOf(q) { return q.querySelector(".num").textContent.replace(".", ""); }
  function answeredCount() { return list.querySelectorAll("input:checked").length; }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  /* Saved answers: one entry per deck, version and order of questions (the key names all
     three), so another page's answers are never restored here. */
  var store = null;
  try {
    store = window.localStorage;
    store.getItem(data.store);
  } catch (err) {
    store = null;  // storage off (a private window, a strict policy): the quiz still works
  }

  function save() {
    if (!store) { return; }
    var chosen = {}, any = false;
    each(list.querySelectorAll("input:checked"), function (input) {
      chosen[input.closest(".question").dataset.itemId] = input.value;
      any = true;
    });
    try {
      if (any) {
        store.setItem(data.store, JSON.stringify({ answers: chosen, graded: graded }));
      } else {
        store.removeItem(data.store);
      }
    } catch (err) { /* full or refused: the answers stay on the page */ }
  }

  function restore() {
    var saved = null;
    try { saved = store && JSON.parse(store.getItem(data.store) || "null"); } catch (err) { saved = null; }
    if (!saved || typeof saved.answers !== "object" || !saved.answers) { return 0; }
    var restored = 0;
    questions().forEach(function (q) {
      var value = saved.answers[q.dataset.itemId];
      if (typeof value !== "string" || !/^[A-E]$/.test(value)) { return; }
      var input = q.querySelector('input[value="' + value + '"]');
      if (input) { input.checked = true; restored += 1; }
    });
    if (restored && saved.graded === true) { grade(true); }
    return restored;
  }

  function showProgress() {
    var answered = answeredCount();
    progress.textContent = answered + " of " + plural(total, "question") + " answered";
    if (clear) { clear.disabled = answered === 0; }
  }

  /* "Are you sure?", asked inline in the bar (a phone shows no more than the bar). */
  var pending = null;
  function ask(question, yes, no, onYes, onNo) {
    if (!confirmBox) { onYes(); return; }
    var opener = document.activeElement;
    pending = { yes: onYes, no: onNo || function () { if (opener && opener.focus) { opener.focus(); } } };
    confirmBox.querySelector(".confirm-text").textContent = question;
    confirmBox.querySelector("[data-action=confirm]").textContent = yes;
    confirmBox.querySelector("[data-action=cancel]").textContent = no;
    show(confirmBox, true);
    show(barButtons, false);
    show(progress, false);
    confirmBox.querySelector("[data-action=confirm]").focus();
  }

  function answer(yes, quietly) {
    var done = pending;
    pending = null;
    show(confirmBox, false);
    show(barButtons, true);
    show(progress, true);
    if (done && !quietly) { (yes ? done.yes : done.no)(); }
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
    // The page ships without the parts the script fills in (a 200-question page stays small).
    var verdict = feedback.querySelector(".verdict") ||
      feedback.insertBefore(element("p", "verdict", ""), feedback.firstChild);
    var answerLine = feedback.querySelector(".answer-line") ||
      feedback.insertBefore(element("p", "answer-line", ""),
        feedback.querySelector(".explanation, .evidence"));
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
    var figure = feedback.querySelector(".evidence");
    var caption = figure.querySelector("figcaption") ||
      figure.appendChild(document.createElement("figcaption"));
    if (!caption.firstChild) {
      caption.appendChild(sourceLine.cloneNode(true));
      linkEvidence(feedback);
    }
    q.dataset.state = state;
    // Reachable by Tab, in question order, and named for the screen reader.
    feedback.tabIndex = 0;
    feedback.setAttribute("role", "group");
    feedback.setAttribute("aria-label", "Feedback on question " + numberOf(q));
    feedback.hidden = false;
    return state;
  }

  /* "Find it in the article: paragraphs 8–9", after the quote: the numbers are the figure's
     data-at, found by quizgen as validation finds evidence. */
  function linkEvidence(feedback) {
    var figure = feedback.querySelector(".evidence");
    var at = figure.dataset.at;
    if (!at || !article) { return; }
    var numbers = at.split(" ");
    var link = element("a", "", "Find it in the article: " + (numbers.length === 1 ?
      "paragraph " + numbers[0] : "paragraphs " + numbers[0] + "–" + numbers[numbers.length - 1]));
    link.href = "#para-" + numbers[0];
    link.dataset.role = "evidence-link";
    link.dataset.paragraphs = at;
    var line = element("p", "evidence-where", "");
    line.appendChild(link);
    figure.parentNode.insertBefore(line, figure.nextSibling);
  }

  function ungradeOne(q) {
    options(q).forEach(function (option) {
      var input = option.querySelector("input");
      input.checked = false;
      input.disabled = false;
      option.classList.remove("is-answer", "is-wrong");
      each(option.querySelectorAll(".mark"), function (m) { m.remove(); });
    });
    var feedback = q.querySelector(".feedback");
    feedback.hidden = true;
    feedback.removeAttribute("tabindex");
    each(feedback.querySelectorAll(".why"), function (p) { p.hidden = true; });
    each(feedback.querySelectorAll(".why-not"), function (s) { s.remove(); });
    delete q.dataset.state;
    q.classList.remove("is-kept");
  }

  function showButtons() {
    show(check, !graded);
    show(clear, !graded);
    show(retry, graded);
    if (skip) { skip.textContent = graded ? "Skip to “Try again”" : "Skip to “Check answers”"; }
  }

  function grade(quietly) {
    var answered = answeredCount();
    var warning = answered < total ?
      answered + " of " + total + " answered; unanswered questions count as wrong." : "";
    if (notice) {
      notice.textContent = warning;
      notice.hidden = !warning;
    }
    var right = 0, unanswered = 0, kinds = {};
    questions().forEach(function (q) {
      // A question kept right by "Retry the ones I missed" stays graded as it was.
      var state = q.classList.contains("is-kept") ? q.dataset.state : gradeOne(q);
      q.classList.remove("is-kept");
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
    graded = true;
    document.body.classList.add("is-graded");
    result.hidden = false;
    showButtons();
    show(retryMissed, right < total);
    progress.textContent = "Score: " + score;
    save();
    if (quietly) { return; }
    announce.textContent = (warning ? warning + " " : "") + "Score " + score + ". " + summary;
    result.querySelector("#result-title").focus();
  }

  function ungrade() {
    graded = false;
    document.body.classList.remove("is-graded");
    result.hidden = true;
    if (notice) { notice.hidden = true; }
    showButtons();
    show(retryMissed, false);
    showProgress();
  }

  function firstBlank() {
    var blank = questions().filter(function (q) {
      return !q.dataset.state && !q.querySelector("input:checked");
    })[0];
    return blank && blank.querySelector("input");
  }

  function firstOpen() {
    return list.querySelector(".question:not([data-state]) input") || list.querySelector("input");
  }

  function focusQuestion(input) {
    if (!input) { return; }
    input.closest(".question").scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
  }

  function onCheck() {
    var answered = answeredCount();
    var blank = total - answered;
    if (!blank) { grade(); return; }
    ask("You have answered " + answered + " of " + plural(total, "question") + ". " +
        (blank === 1 ? "The one left blank counts" : "The " + blank + " left blank count") +
        " as wrong. Check anyway?", "Check anyway", "Keep answering", function () { grade(); },
        function () { focusQuestion(firstBlank()); });
  }

  function retryTheMissed() {
    var kept = 0;
    questions().forEach(function (q) {
      if (q.dataset.state === "correct") {
        q.classList.add("is-kept");
        kept += 1;
      } else {
        ungradeOne(q);
      }
    });
    ungrade();
    save();
    announce.textContent = plural(total - kept, "question") + " reopened; your " +
      plural(kept, "right answer") + " kept.";
    focusQuestion(firstOpen());
  }

  function clearAnswers() {
    questions().forEach(ungradeOne);
    ungrade();
    save();
    announce.textContent = "Your answers are cleared.";
    focusQuestion(list.querySelector("input"));
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
      ungradeOne(q);
      q.querySelector(".num").textContent = (n + 1) + ".";
      var box = q.querySelector(".options");
      shuffle(options(q)).forEach(function (option, i) {
        option.querySelector(".letter").textContent = LETTERS.charAt(i);
        box.appendChild(option);
      });
      list.appendChild(q);
    });
    ungrade();
    save();
    // The printed version no longer describes this order.
    each(versions, function (v) { v.textContent = "Version " + data.version + ", reshuffled"; });
    announce.textContent = "Answers cleared; questions and options reshuffled.";
    window.scrollTo(0, 0);
    list.querySelector("input").focus();
  }

  /* The article: beside the questions on a wide screen, over them on a phone when asked. */
  var wide = window.matchMedia("(min-width: 1100px)");  // as in _quiz.css
  var returnTo = null;

  var column = document.querySelector(".quiz-column");

  function openArticle(from) {
    returnTo = from;
    article.classList.add("is-open");
    root.classList.add("article-open");
    // On a phone the article covers the questions: keep Tab and the screen reader in it.
    if (column && !wide.matches) { column.inert = true; }
    if (toggle) { toggle.setAttribute("aria-expanded", "true"); }
    if (back) {
      var q = from && from.closest(".question");
      back.textContent = q ? "Back to question " + numberOf(q) : "Back to the questions";
      back.hidden = wide.matches && !q;
    }
  }

  function closeArticle() {
    article.classList.remove("is-open");
    root.classList.remove("article-open");
    if (column) { column.inert = false; }
    if (toggle) { toggle.setAttribute("aria-expanded", "false"); }
    show(back, false);
    var to = returnTo;
    returnTo = null;
    if (to) { to.focus(); }
  }

  function showParagraphs(link) {
    each(article.querySelectorAll(".is-highlighted"), function (p) { p.classList.remove("is-highlighted"); });
    var first = null, numbers = link.dataset.paragraphs.split(" ");
    numbers.forEach(function (n) {
      var p = article.querySelector('[data-paragraph="' + n + '"]');
      if (p) { p.classList.add("is-highlighted"); first = first || p; }
    });
    openArticle(link);
    if (first) {
      first.scrollIntoView({ block: numbers.length > 1 ? "start" : "center" });
      first.focus({ preventScroll: true });
    }
  }

  if (article) {
    root.classList.add("has-script");
    show(toggle, true);
    if (toggle) {
      toggle.addEventListener("click", function () {
        if (article.classList.contains("is-open")) { closeArticle(); return; }
        openArticle(toggle);
        article.querySelector("#article-title").focus();
      });
    }
    if (back) { back.addEventListener("click", closeArticle); }
    list.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-role=evidence-link]");
      if (!link) { return; }
      event.preventDefault();
      showParagraphs(link);
    });
    article.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && article.classList.contains("is-open") && !wide.matches) {
        closeArticle();
      }
    });
  }

  // Keep focused options clear of the sticky bar, however tall it is drawn (zoom, wrapping);
  // the stylesheet's scroll-padding-bottom guesses until the first measure.
  if (window.ResizeObserver && bar) {
    new ResizeObserver(function () {
      root.style.scrollPaddingBottom = (bar.offsetHeight + 12) + "px";
    }).observe(bar);
  }
  // The browser brings the focused radio into view; its label (which draws the focus ring)
  // is taller: bring the whole label clear of the bar.
  list.addEventListener("focusin", function (event) {
    var label = event.target.closest && event.target.closest(".options > label");
    if (label) { label.scrollIntoView({ block: "nearest" }); }
  });
  list.addEventListener("change", function () {
    if (pending) { answer(false, true); }  // its question ("12 of 60 answered…") is stale
    showProgress();
    save();
  });
  check.addEventListener("click", onCheck);
  if (retry) {
    retry.addEventListener("click", function () {
      ask("Start again? This clears all your answers and reshuffles the questions.",
          "Clear and reshuffle", "Cancel", reset);
    });
  }
  if (retryMissed) { retryMissed.addEventListener("click", retryTheMissed); }
  if (clear) {
    clear.addEventListener("click", function () {
      var n = answeredCount();
      ask("Clear " + (n === 1 ? "your answer" : "all " + n + " of your answers") +
          "? This cannot be undone.", "Clear them", "Keep them", clearAnswers);
    });
  }
  if (confirmBox) {
    confirmBox.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button) { answer(button.dataset.action === "confirm"); }
    });
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { answer(false); }
    });
  }
  if (skip && bar) {
    // Lands just before the bar's buttons: the next Tab reaches "Check answers".
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      bar.focus();
    });
  }
  var restored = restore();
  if (!graded) { showProgress(); }
  if (restored && !graded) {
    announce.textContent = plural(restored, "answer") + " from your last visit restored.";
  }
  check.disabled = false;
  window.quizgenReadyAt = performance.now();
  root.setAttribute("data-ready", "");
})();
