// The chat, as progressive enhancement of the server-rendered question pages.
//
// Without this script every question is a page of plain HTML forms (POST/redirect/GET). With
// it, each answer is sent in the background, the question and the answer move into the
// conversation (#transcript), the next question replaces #turn, a live region announces it and
// focus moves to it. A file is sent with XMLHttpRequest so its progress shows. Two minutes
// before the sign-in ends (<body data-expires>) a dialog offers to stay signed in or to save.
//
// Every word the filer reads comes from the page (data attributes and a <template>), which the
// server renders in the filer's language; the English here is only a fallback.

(() => {
  "use strict";

  const body = document.body;
  body.classList.remove("no-js");
  body.classList.add("js");

  /** How long before the sign-in ends the warning opens. */
  const WARN_BEFORE_MS = 2 * 60 * 1000;
  /** The longest wait between two looks at the clock (a sleeping laptop misses timers). */
  const CHECK_EVERY_MS = 30 * 1000;
  /** How often the upload's progress is told to a screen reader, in percent. */
  const TELL_EVERY = 25;
  /** How long an answer may take before a screen reader is told it is on its way. */
  const SLOW_MS = 1000;

  const FALLBACK = {
    assistant: "Assistant:",
    you: "You:",
    offline: "Your answer could not be sent. Check your connection and try again.",
    problem: "There is a problem",
    uploading: "Sending the file: {percent} %",
    sending: "Sending…",
  };

  /** A word from #transcript's data attributes, or its English fallback. */
  function word(name) {
    const transcript = document.getElementById("transcript");
    return (transcript && transcript.dataset[name]) || FALLBACK[name];
  }

  /** Whitespace-collapsed text of an element. */
  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function element(tag, className, content) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (content !== undefined) el.textContent = content;
    return el;
  }

  // --- the conversation ---------------------------------------------------------------------

  let busy = false;

  /** The question on the page now: the assistant's lines and the prompt. */
  function questionOf(turn) {
    const lines = Array.from(turn.querySelectorAll(".messages p"), text).filter(Boolean);
    const prompt = text(turn.querySelector("#prompt"));
    return { lines, prompt };
  }

  /** The filer's answer as readable text: chosen labels, typed text, file names, or the button. */
  function answerOf(form, submitter) {
    const action = submitter ? submitter.value : "answer";
    const named = submitter ? text(submitter) : "";
    if (action !== "answer") return named;
    const parts = [];
    for (const input of form.querySelectorAll("input[type=file]")) {
      for (const file of input.files || []) parts.push(file.name);
    }
    for (const box of form.querySelectorAll(
      "input[type=radio]:checked, input[type=checkbox]:checked",
    )) {
      parts.push(box.labels && box.labels.length ? text(box.labels[0]) : box.value);
    }
    for (const field of form.querySelectorAll(
      "textarea[name=value], input[name=value]:not([type=radio]):not([type=checkbox]):not([type=hidden])",
    )) {
      if (field.value.trim()) parts.push(field.value.trim());
    }
    return parts.length ? parts.join(", ") : named;
  }

  function said(who, prefix, lines, strong) {
    const item = element("li", `from-${who}`);
    item.appendChild(element("span", "visually-hidden", `${prefix} `));
    lines.forEach((line, index) => {
      const p = element("p");
      if (strong && index === lines.length - 1) p.appendChild(element("strong", "", line));
      else p.textContent = line;
      item.appendChild(p);
    });
    return item;
  }

  function remember(question, answer) {
    const transcript = document.getElementById("transcript");
    if (!transcript) return;
    const asked = question.prompt ? [...question.lines, question.prompt] : question.lines;
    if (asked.length) transcript.appendChild(said("assistant", word("assistant"), asked, true));
    if (answer) transcript.appendChild(said("you", word("you"), [answer], false));
  }

  /** Tell a screen reader something once, through the polite live region. */
  function announce(message) {
    const announcer = document.getElementById("announcer");
    if (!announcer) return;
    announcer.textContent = "";
    // Emptied first and filled a moment later, so the same words are read again.
    window.setTimeout(() => {
      announcer.textContent = message;
    }, 50);
  }

  function focusOn(el) {
    if (!el) return;
    if (!el.hasAttribute("tabindex") && !el.matches("a[href], button, input, select, textarea")) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus();
  }

  /** The heading of the question: the h1 (around a label#prompt, or the prompt itself). */
  function promptHeading(turn) {
    const prompt = turn.querySelector("#prompt");
    if (!prompt) return turn.querySelector("h1");
    return prompt.closest("h1") || prompt;
  }

  /** Show that the answer could not be sent, as an error summary; the form keeps what was typed. */
  function showOffline(turn) {
    dropOffline();
    const summary = element("div", "error-summary");
    summary.id = "offline-summary";
    summary.setAttribute("role", "alert");
    summary.setAttribute("tabindex", "-1");
    summary.setAttribute("aria-labelledby", "offline-summary-title");
    const title = element("h2", "", word("problem"));
    title.id = "offline-summary-title";
    summary.append(title, element("p", "", word("offline")));
    // Where the server puts its error summary: under the step line, above the question.
    const step = turn.querySelector(":scope > .progress");
    turn.insertBefore(summary, step ? step.nextSibling : turn.firstChild);
    summary.focus();
  }

  function dropOffline() {
    const old = document.getElementById("offline-summary");
    if (old) old.remove();
  }

  /** What a page the server answered with says about the page around the question. */
  function takeChrome(page) {
    document.title = page.title;
    // An answer may change the language (the first question asks for it).
    const lang = page.documentElement.lang;
    if (lang) document.documentElement.lang = lang;
    const words = page.getElementById("transcript");
    const transcript = document.getElementById("transcript");
    if (words && transcript) {
      for (const name of Object.keys(FALLBACK)) {
        if (words.dataset[name]) transcript.dataset[name] = words.dataset[name];
      }
      transcript.setAttribute("aria-label", words.getAttribute("aria-label") || "");
    }
    const template = page.getElementById("timeout-dialog");
    const ours = document.getElementById("timeout-dialog");
    if (template && ours) ours.replaceWith(document.adoptNode(template));
    const footer = page.getElementById("timeout");
    const here = document.getElementById("timeout");
    if (footer && here) here.replaceWith(document.adoptNode(footer));
    // The time-out warning follows data-expires (see the observer below).
    const expires = page.body && page.body.dataset.expires;
    if (expires) body.dataset.expires = expires;
    else delete body.dataset.expires;
    const ended = page.body && page.body.dataset.ended;
    if (ended) body.dataset.ended = ended;
  }

  /** Put a page the server answered with in place of this one's main content. */
  function showPage(page) {
    const main = page.querySelector("main");
    const here = document.querySelector("main");
    if (!main || !here) return false;
    const nodes = Array.from(main.childNodes);
    here.replaceChildren(...nodes.map((node) => document.adoptNode(node)));
    takeChrome(page);
    focusOn(here.querySelector("h1") || here);
    return true;
  }

  /** Handle the server's answer to a post of the form. */
  function received(response, question, answer, action) {
    const url = response.url || window.location.href;
    const html = /html/i.test(response.type || "");
    const page = html ? new DOMParser().parseFromString(response.text, "text/html") : null;
    const turn = page && page.getElementById("turn");
    const onChat = new URL(url, window.location.href).pathname === "/chat";
    if (turn && onChat && (response.status === 200 || response.status === 422)) {
      const here = document.getElementById("turn");
      const fresh = document.adoptNode(turn);
      here.replaceWith(fresh);
      takeChrome(page);
      const summary = fresh.querySelector("#error-summary");
      if (summary) {
        // role=alert reads it out; focus takes the reader there too.
        focusOn(summary);
        return;
      }
      remember(question, answer);
      const hint = action === "help" && fresh.querySelector("#value-hint");
      if (hint) {
        // "Help" asks for the question's help, which the page shows under the question.
        announce(text(hint));
        focusOn(hint);
        return;
      }
      const next = questionOf(fresh);
      announce([...next.lines, next.prompt].filter(Boolean).join(" "));
      focusOn(promptHeading(fresh));
      return;
    }
    if (response.status >= 200 && response.status < 300) {
      // The receipt, the saved page, or any other page: go there as the browser would.
      window.location.assign(url);
      return;
    }
    // A stale page (409), a refusal (403), a sign-in that ended (401): show what the server
    // said, with its own links and forms; if it cannot be shown, load the chat afresh.
    if (!(page && showPage(page))) window.location.assign("/chat");
  }

  function fetchForm(form, data, multipart) {
    return fetch(form.action, {
      method: (form.method || "post").toUpperCase(),
      body: multipart ? data : new URLSearchParams(data),
      credentials: "same-origin",
      redirect: "follow",
      headers: { "X-Requested-With": "fetch" },
    }).then((res) =>
      res.text().then((body) => ({
        status: res.status,
        url: res.url,
        type: res.headers.get("Content-Type"),
        text: body,
      })),
    );
  }

  /** Send a form with a file, telling its progress. */
  function uploadForm(form, data, progress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open((form.method || "post").toUpperCase(), form.action);
      xhr.setRequestHeader("X-Requested-With", "fetch");
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) progress(Math.round((event.loaded / event.total) * 100));
      };
      xhr.onload = () => {
        progress(100);
        resolve({
          status: xhr.status,
          url: xhr.responseURL,
          type: xhr.getResponseHeader("Content-Type"),
          text: xhr.responseText,
        });
      };
      xhr.onerror = () => reject(new Error("network"));
      xhr.onabort = () => reject(new Error("aborted"));
      xhr.send(data);
    });
  }

  /** A progress bar above the form's buttons, and a live line every TELL_EVERY percent. */
  function progressBar(form) {
    const box = element("div", "upload-progress");
    const bar = element("progress");
    bar.max = 100;
    bar.value = 0;
    bar.id = "upload-bar";
    const status = element("span", "upload-status");
    status.id = "upload-status";
    status.setAttribute("aria-live", "polite");
    bar.setAttribute("aria-labelledby", "upload-status");
    box.append(bar, status);
    const before = form.querySelector("button[type=submit], button:not([type])");
    form.insertBefore(box, before && before.parentNode === form ? before : null);
    let told = -1;
    const tell = (percent) => {
      bar.value = percent;
      const step = Math.floor(percent / TELL_EVERY) * TELL_EVERY;
      if (step > told) {
        told = step;
        status.textContent = word("uploading").replace("{percent}", String(step));
      }
    };
    tell(0);
    return { tell, remove: () => box.remove() };
  }

  /** Send the answer form as the button ``submitter`` ({name, value} at least) would. */
  function send(form, submitter) {
    if (busy) return;
    busy = true;
    dropOffline();
    const turn = document.getElementById("turn");
    const question = questionOf(turn);
    const answer = answerOf(form, submitter);
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    const multipart = form.enctype === "multipart/form-data";
    const action = submitter ? submitter.value : "answer";
    const withFile =
      multipart &&
      action === "answer" &&
      Array.from(form.querySelectorAll("input[type=file]")).some((i) => i.files && i.files.length);
    form.setAttribute("aria-busy", "true");
    let bar = null;
    let sent;
    if (withFile) {
      bar = progressBar(form);
      sent = uploadForm(form, data, bar.tell);
    } else {
      sent = fetchForm(form, data, multipart);
    }
    const slow = bar ? 0 : window.setTimeout(() => announce(word("sending")), SLOW_MS);
    sent
      .then(
        (response) => received(response, question, answer, action),
        () => {
          if (bar) bar.remove();
          form.removeAttribute("aria-busy");
          showOffline(turn);
        },
      )
      .finally(() => {
        window.clearTimeout(slow);
        busy = false;
      });
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.id !== "answer") return;
    event.preventDefault();
    send(form, event.submitter || form.querySelector("button[type=submit][name=do]"));
  });

  // The error summary's links take focus to the field, and show its question with it.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest(".error-summary a");
    if (!link) return;
    const id = (link.getAttribute("href") || "").replace(/^#/, "");
    const field = id && document.getElementById(id);
    if (!field) return;
    event.preventDefault();
    const shown = field.closest("fieldset") || field.closest(".field") || field;
    shown.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // --- the time-out warning -----------------------------------------------------------------

  const timeout = (() => {
    let timer = 0;
    let dialog = null;
    let returnTo = null;
    /** How long a sign-in lasts, as the server last told it (if "stay" names no expiry). */
    let lasts = expiry() ? expiry() - Date.now() : 0;
    /** The expiry this script wrote itself (not the server's word on how long a sign-in lasts). */
    let guessed = "";

    /** Where a browser whose sign-in ended goes: the chat, or Mine sager's sign-in. */
    function endedAt() {
      return body.dataset.ended || "/chat";
    }

    /** Where "stay signed in" posts: the dialog's form says (the chat's or Mine sager's). */
    function stayAt() {
      const form = dialog && dialog.querySelector("form");
      return (form && form.getAttribute("action")) || "/chat/stay";
    }

    function expiry() {
      const when = Date.parse(body.dataset.expires || "");
      return Number.isNaN(when) ? 0 : when;
    }

    /** A time as the pages tell it (HH:MM in Danish time), to match the footer's sentence. */
    function localTime(ms) {
      const parts = new Intl.DateTimeFormat("en-GB", {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: "Europe/Copenhagen",
      }).formatToParts(ms);
      const part = (type) => (parts.find((p) => p.type === type) || { value: "" }).value;
      return `${part("hour")}:${part("minute")}`;
    }

    /** The footer's sentence of when the sign-in ends, told the renewed time. */
    function tellFooter(ends) {
      const footer = document.getElementById("timeout");
      if (!footer) return;
      footer.textContent = footer.textContent.replace(/\b\d\d:\d\d\b/, localTime(ends));
    }

    function schedule() {
      window.clearTimeout(timer);
      const ends = expiry();
      if (!ends) {
        close(false);
        return;
      }
      const now = Date.now();
      if (body.dataset.expires !== guessed) lasts = Math.max(lasts, ends - now);
      if (now >= ends) {
        // The sign-in has ended: the page there says so (the chat offers the resume code).
        window.location.assign(endedAt());
        return;
      }
      if (now >= ends - WARN_BEFORE_MS) open(ends);
      else if (dialog) close(true);
      const wait = now >= ends - WARN_BEFORE_MS ? ends - now : ends - WARN_BEFORE_MS - now;
      timer = window.setTimeout(schedule, Math.min(wait + 50, CHECK_EVERY_MS));
    }

    function build() {
      const template = document.getElementById("timeout-dialog");
      let built = template && template.content.querySelector("dialog");
      if (built) return document.importNode(built, true);
      built = element("dialog", "timeout-dialog");
      built.setAttribute("role", "alertdialog");
      built.setAttribute("aria-modal", "true");
      built.setAttribute("aria-labelledby", "timeout-title");
      built.setAttribute("aria-describedby", "timeout-text");
      const title = element("h2", "", "You will soon be signed out");
      title.id = "timeout-title";
      const sentence = element(
        "p",
        "",
        "For your security, you are signed out at {time} if you do nothing. Your answers are kept.",
      );
      sentence.id = "timeout-text";
      const form = element("form", "timeout-form");
      form.method = "post";
      form.action = "/chat/stay";
      const stay = element("button", "button", "Stay signed in");
      stay.type = "submit";
      stay.dataset.stay = "";
      const save = element("button", "button button--secondary", "Save and continue later");
      save.type = "button";
      save.dataset.save = "";
      form.append(stay, save);
      built.append(title, sentence, form);
      return built;
    }

    function tellTime(ends) {
      const sentence = dialog.querySelector("#timeout-text");
      if (!sentence) return;
      if (!sentence.dataset.template) sentence.dataset.template = sentence.textContent;
      const time = sentence.querySelector("time[data-time]");
      if (time) {
        time.textContent = localTime(ends);
        time.dateTime = new Date(ends).toISOString();
      } else {
        sentence.textContent = sentence.dataset.template.replace("{time}", localTime(ends));
      }
    }

    function open(ends) {
      // Without <dialog> the footer's sentence still says when the sign-in ends.
      if (typeof HTMLDialogElement !== "function") return;
      if (dialog && dialog.open) {
        tellTime(ends);
        return;
      }
      dialog = build();
      document.body.appendChild(dialog);
      tellTime(ends);
      const form = dialog.querySelector("form");
      const stay = dialog.querySelector("[data-stay]");
      const save = dialog.querySelector("[data-save]");
      const answer = document.getElementById("answer");
      if (save && !answer) save.hidden = true;
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        renew();
      });
      if (save) {
        save.addEventListener("click", () => {
          close(false);
          const form = document.getElementById("answer");
          if (form) send(form, { name: "do", value: "save", textContent: text(save) });
        });
      }
      // Escape is "stay signed in", the gentler choice.
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        renew();
      });
      returnTo = document.activeElement;
      dialog.showModal();
      if (stay) stay.focus();
    }

    function close(giveFocusBack) {
      if (!dialog) return;
      if (dialog.open) dialog.close();
      dialog.remove();
      dialog = null;
      if (giveFocusBack) {
        const back =
          returnTo && returnTo !== document.body && document.contains(returnTo)
            ? returnTo
            : document.getElementById("turn") && promptHeading(document.getElementById("turn"));
        if (back) focusOn(back);
      }
      returnTo = null;
    }

    function csrf() {
      const input =
        (dialog && dialog.querySelector("input[name=csrf]")) ||
        document.querySelector("#answer input[name=csrf], input[name=csrf]");
      return input ? input.value : "";
    }

    function renew() {
      const data = new URLSearchParams({ csrf: csrf() });
      fetch(stayAt(), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then((res) => {
          if (res.status !== 204 && !res.ok) {
            window.location.assign(endedAt());
            return;
          }
          const told = Date.parse(res.headers.get("X-Expires") || "");
          const ends = Number.isNaN(told) ? Date.now() + lasts : told;
          guessed = Number.isNaN(told) ? new Date(ends).toISOString() : "";
          body.dataset.expires = guessed || res.headers.get("X-Expires");
          tellFooter(ends);
          close(true);
          schedule();
        })
        .catch(() => {
          const sentence = dialog && dialog.querySelector("#timeout-text");
          if (sentence) sentence.textContent = word("offline");
        });
    }

    return { schedule };
  })();

  timeout.schedule();
  new MutationObserver(timeout.schedule).observe(body, {
    attributes: true,
    attributeFilter: ["data-expires"],
  });
})();
