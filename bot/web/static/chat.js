/* Pacer's patient chat page: a small socket.io client for Rasa's socketio channel.
 *
 * - The session id is random and kept in localStorage: it is the only key to this
 *   conversation (history is read from Pacer's web app with it, in a POST body).
 * - History is restored on load and after a reconnect, so proactive messages sent
 *   while the page was closed show up on the next visit.
 * - Buttons are real buttons; the person's choice is shown with its title. The latest
 *   unanswered question keeps its buttons after a reload, even when more text follows it.
 * - Nothing fails silently: a message that could not be sent stays with "Retry", and a
 *   reply that takes too long says so.
 * - Crisis-line and emergency numbers become tappable tel:/sms: links, and a message
 *   that gives one is set apart from the coaching.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "pacer.chat.session";
  var SLOW_REPLY_MS = 15000;
  var NO_REPLY_MS = 45000;

  var root = document.getElementById("pacer-chat");
  var log = document.getElementById("chat-log");
  var empty = document.getElementById("chat-empty");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var send = document.getElementById("chat-send");
  var typing = document.getElementById("chat-typing");
  var statusLine = document.getElementById("chat-status");
  var linkToggle = document.getElementById("link-toggle");
  var linkForm = document.getElementById("link-form");
  var linkCode = document.getElementById("link-code");
  var linkResult = document.getElementById("link-result");
  var typingText = document.getElementById("chat-typing-text");
  var menuToggle = document.getElementById("menu-toggle");
  var menu = document.getElementById("chat-menu");
  var SAFETY_NUMBERS = (root.dataset.safetyNumbers || "").split("|").filter(Boolean);
  var NUMBER_PATTERN = numberPattern(SAFETY_NUMBERS);

  var sessionId = readSession();
  var socket = null;
  var confirmed = false;
  var everConnected = false;
  var slowTimer = null;
  var noReplyTimer = null;
  var pending = null; /* {payload, shown, item, at}: sent, no reply yet */
  var failed = []; /* {payload, shown, at, reason}: kept across history re-renders */
  var lastDay = null;

  function readSession() {
    try {
      var stored = window.localStorage.getItem(STORAGE_KEY);
      return /^[0-9a-f]{32}$/.test(stored || "") ? stored : null;
    } catch (e) {
      return null;
    }
  }

  function saveSession(id) {
    sessionId = id;
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch (e) {
      /* private mode: the conversation lasts as long as the page */
    }
  }

  function setStatus(text) {
    statusLine.textContent = text;
  }

  function setReady(ready) {
    input.disabled = !ready;
    send.disabled = !ready;
  }

  function closeMenu() {
    menu.hidden = true;
    menuToggle.setAttribute("aria-expanded", "false");
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function clearButtons() {
    var groups = log.querySelectorAll(".msg__buttons");
    for (var i = 0; i < groups.length; i++) {
      groups[i].parentNode.removeChild(groups[i]);
    }
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function numberPattern(numbers) {
    if (!numbers.length) {
      return null;
    }
    var sorted = numbers.slice().sort(function (a, b) { return b.length - a.length; });
    return new RegExp("(?<![\\d+])(" + sorted.map(escapeRegExp).join("|") + ")(?![\\d])", "g");
  }

  function dial(number) {
    return number.replace(/[^\d+]/g, "");
  }

  function link(href, text, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (label) {
      a.setAttribute("aria-label", label);
    }
    return a;
  }

  /* Writes `text` into `body`, with known crisis and emergency numbers as links.
     Returns the numbers found. */
  function writeText(body, text) {
    var found = [];
    if (!NUMBER_PATTERN) {
      body.textContent = text;
      return found;
    }
    var at = 0;
    text.replace(NUMBER_PATTERN, function (number, _group, offset) {
      body.appendChild(document.createTextNode(text.slice(at, offset)));
      var before = text.slice(Math.max(0, offset - 12), offset).toLowerCase();
      var textOnly = /(^|\W)(text|txt)\s+$/.test(before) && !/or\s+(text|txt)\s+$/.test(before);
      if (textOnly) {
        body.appendChild(link("sms:" + dial(number), number, "Text " + number));
      } else {
        body.appendChild(link("tel:" + dial(number), number, "Call " + number));
      }
      found.push({ number: number, call: !textOnly, sms: textOnly || /(text|txt)\s+$/.test(before) });
      at = offset + number.length;
      return number;
    });
    body.appendChild(document.createTextNode(text.slice(at)));
    return found;
  }

  /* Big tappable "Call" / "Text" links under a safety message, one per way to reach help. */
  function contactLinks(found) {
    var row = document.createElement("div");
    row.className = "msg__contacts";
    var seen = {};
    found.forEach(function (entry) {
      [["call", "tel:", "Call "], ["sms", "sms:", "Text "]].forEach(function (way) {
        var key = way[0] + entry.number;
        if (entry[way[0]] && !seen[key]) {
          seen[key] = true;
          var a = link(way[1] + dial(entry.number), way[2] + entry.number);
          a.className = "msg__contact";
          row.appendChild(a);
        }
      });
    });
    return row;
  }

  function dayLabel(date) {
    var today = new Date();
    var yesterday = new Date(today.getTime() - 86400000);
    if (date.toDateString() === today.toDateString()) {
      return "Today";
    }
    if (date.toDateString() === yesterday.toDateString()) {
      return "Yesterday";
    }
    return date.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" });
  }

  function addDayMarker(date) {
    var key = date.toDateString();
    if (key === lastDay) {
      return;
    }
    lastDay = key;
    var marker = document.createElement("p");
    marker.className = "chat__day";
    marker.textContent = dayLabel(date);
    log.appendChild(marker);
  }

  function timeElement(date) {
    var time = document.createElement("time");
    time.className = "msg__time";
    time.dateTime = date.toISOString();
    time.textContent = date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
    return time;
  }

  function bubble(from, text, note, at, withTime) {
    if (empty) {
      empty.parentNode.removeChild(empty);
      empty = null;
    }
    var date = at ? new Date(at * 1000) : new Date();
    addDayMarker(date);
    var item = document.createElement("div");
    item.className = "msg msg--" + from;
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = from === "bot" ? "Pacer said: " : "You said: ";
    item.appendChild(who);
    var body = document.createElement("p");
    body.className = "msg__text";
    var found = from === "bot" ? writeText(body, text) : (body.textContent = text, []);
    item.appendChild(body);
    if (found.length) {
      item.classList.add("msg--safety");
      var label = document.createElement("span");
      label.className = "msg__safety-label";
      label.textContent = "Help now";
      item.insertBefore(label, body);
      item.appendChild(contactLinks(found));
    }
    if (withTime !== false || note) {
      var meta = document.createElement("span");
      meta.className = "msg__meta";
      if (withTime !== false) {
        meta.appendChild(timeElement(date));
      }
      if (note) {
        var small = document.createElement("span");
        small.className = "msg__note";
        small.textContent = "on " + note;
        meta.appendChild(small);
      }
      item.appendChild(meta);
    }
    log.appendChild(item);
    return item;
  }

  function addButtons(item, buttons) {
    if (!buttons || !buttons.length) {
      return;
    }
    var group = document.createElement("div");
    group.className = "msg__buttons";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Quick answers");
    buttons.forEach(function (button) {
      var el = document.createElement("button");
      el.type = "button";
      el.className = "msg__button";
      el.textContent = button.title;
      el.addEventListener("click", function () {
        /* Not the text box: on a phone that would open the keyboard over the answers. */
        log.focus({ preventScroll: true });
        sendMessage(button.payload, button.title);
      });
      group.appendChild(el);
    });
    item.appendChild(group);
  }

  /* A bot message, split into bubbles at blank lines; the time goes on the last one. */
  function addBotMessage(text, buttons, note, at) {
    var parts = (text || "").split(/\n\n+/).filter(function (part) {
      return part.trim().length > 0;
    });
    if (!parts.length) {
      parts = [""];
    }
    var item = null;
    parts.forEach(function (part, index) {
      item = bubble("bot", part, note, at, index === parts.length - 1);
    });
    addButtons(item, buttons);
    return item;
  }

  function showTyping(on) {
    typing.hidden = !on;
    typingText.textContent = "Pacer is typing…";
  }

  function stopWaiting() {
    window.clearTimeout(slowTimer);
    window.clearTimeout(noReplyTimer);
    showTyping(false);
  }

  function waitForReply() {
    stopWaiting();
    showTyping(true);
    slowTimer = window.setTimeout(function () {
      typingText.textContent = "Pacer is taking longer than usual to reply…";
    }, SLOW_REPLY_MS);
    noReplyTimer = window.setTimeout(function () {
      showTyping(false);
      if (pending) {
        markFailed(pending, "timeout");
      }
      setStatus("Pacer hasn't replied. It may be busy or having a problem: try again in a moment.");
    }, NO_REPLY_MS);
  }

  function failureText(reason) {
    return reason === "timeout" ? "No reply yet." : "Not delivered.";
  }

  function showFailure(entry) {
    var item = entry.item;
    item.classList.add("msg--failed");
    var meta = item.querySelector(".msg__meta") || item.appendChild(document.createElement("span"));
    meta.className = "msg__meta";
    var note = document.createElement("span");
    note.className = "msg__failure";
    note.textContent = failureText(entry.reason);
    meta.appendChild(note);
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "msg__retry";
    retry.textContent = "Retry";
    retry.setAttribute("aria-label", "Retry sending: " + (entry.shown || entry.payload));
    retry.addEventListener("click", function () {
      if (!confirmed) {
        setStatus("Still offline. Your message will be ready to retry when Pacer is back.");
        return;
      }
      failed = failed.filter(function (other) { return other !== entry; });
      item.parentNode.removeChild(item);
      sendMessage(entry.payload, entry.shown);
    });
    meta.appendChild(retry);
    scrollToEnd();
  }

  function markFailed(entry, reason) {
    if (entry === pending) {
      pending = null;
    }
    stopWaiting();
    entry.reason = reason;
    failed.push(entry);
    showFailure(entry);
  }

  /* A reply arrived: a message marked "no reply yet" was delivered after all. */
  function clearTimeouts() {
    failed = failed.filter(function (entry) {
      if (entry.reason !== "timeout") {
        return true;
      }
      entry.item.classList.remove("msg--failed");
      var marks = entry.item.querySelectorAll(".msg__failure, .msg__retry");
      for (var i = 0; i < marks.length; i++) {
        marks[i].parentNode.removeChild(marks[i]);
      }
      return false;
    });
  }

  function renderHistory(messages) {
    log.textContent = "";
    empty = null;
    lastDay = null;
    var question = null;
    messages.forEach(function (message) {
      if (message.from === "user") {
        bubble("user", message.text, message.channel, message.at);
        question = null;
      } else {
        var item = addBotMessage(message.text, [], message.channel, message.at);
        if (message.buttons && message.buttons.length) {
          question = { item: item, buttons: message.buttons };
        }
      }
    });
    if (question) {
      /* Only the latest unanswered question stays answerable, even with text after it. */
      addButtons(question.item, question.buttons);
    }
    /* Messages that never arrived stay, with Retry; drop those the history now holds. */
    failed = failed.filter(function (entry) {
      return !messages.some(function (message) {
        return message.from === "user" && message.text === (entry.shown || entry.payload) &&
          message.at >= entry.at - 5;
      });
    });
    failed.forEach(function (entry) {
      entry.item = bubble("user", entry.shown || entry.payload, null, entry.at);
      showFailure(entry);
    });
    if (!messages.length && !failed.length) {
      empty = document.createElement("p");
      empty.className = "chat__empty";
      empty.id = "chat-empty";
      empty.textContent = "Say hello to get started.";
      log.appendChild(empty);
    }
    scrollToEnd();
  }

  function postJson(url, body) {
    return window.fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      return response.json().then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  function loadHistory() {
    if (!sessionId) {
      return Promise.resolve();
    }
    return postJson("/chat/history", { session_id: sessionId }).then(function (result) {
      if (result.ok) {
        renderHistory(result.data.messages || []);
      }
    }).catch(function () {
      setStatus("Your earlier messages could not be loaded.");
    });
  }

  function sendMessage(payload, shown) {
    if (!payload.trim()) {
      return;
    }
    clearButtons();
    setStatus("");
    var entry = { payload: payload, shown: shown, at: Date.now() / 1000 };
    entry.item = bubble("user", shown || payload);
    scrollToEnd();
    if (!confirmed) {
      markFailed(entry, "offline");
      setStatus("Pacer can't be reached right now. Your message was not sent: retry when it's back.");
      return;
    }
    var data = { message: payload, session_id: sessionId };
    if (shown) {
      data.metadata = { display: shown };
    }
    if (pending) {
      pending = null; /* a new message: the earlier one was sent while connected */
    }
    pending = entry;
    socket.emit("user_uttered", data);
    waitForReply();
  }

  function growInput() {
    if (window.CSS && CSS.supports && CSS.supports("field-sizing", "content")) {
      return; /* the stylesheet grows it */
    }
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 8 * 16) + "px";
  }

  function connect() {
    if (typeof window.io !== "function") {
      setStatus("The chat could not load its connection library. Please tell the clinic.");
      return;
    }
    socket = window.io(root.dataset.socketUrl, {
      path: "/socket.io",
      transports: ["websocket", "polling"],
      // Behind nginx with several rasa replicas, long-polling requests of one connection
      // must reach one replica: the balancer hashes this value (deploy/nginx/).
      query: sessionId ? { pacer_session: sessionId } : {},
      reconnectionDelayMax: 10000
    });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (id) {
      var reconnect = everConnected;
      everConnected = true;
      if (id !== sessionId) {
        saveSession(id);
        renderHistory([]);
      }
      confirmed = true;
      setReady(true);
      setStatus("");
      if (reconnect) {
        loadHistory(); /* messages sent while we were away */
      }
    });
    socket.on("bot_uttered", function (message) {
      pending = null;
      stopWaiting();
      clearTimeouts();
      var buttons = message.quick_replies || message.buttons || [];
      if (buttons.length) {
        clearButtons();
      }
      addBotMessage(message.text, buttons);
      scrollToEnd();
    });
    socket.on("disconnect", function () {
      confirmed = false;
      setReady(false);
      if (pending) {
        markFailed(pending, "offline");
      }
      stopWaiting();
      setStatus("Connection lost. Reconnecting…");
    });
    socket.on("connect_error", function () {
      // Each retry must not hide that a message was not sent (it still waits, with Retry).
      setStatus(failed.length
        ? "Pacer can't be reached right now. Your message was not sent: retry when it's back."
        : "Can't reach Pacer right now. Trying again…");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = "";
    growInput();
    sendMessage(text, null);
    input.focus();
  });

  input.addEventListener("input", growInput);

  menuToggle.addEventListener("click", function () {
    var open = menu.hidden;
    menu.hidden = !open;
    menuToggle.setAttribute("aria-expanded", String(open));
    if (open) {
      menu.querySelector("button, a").focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !menu.hidden) {
      closeMenu();
      menuToggle.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!menu.hidden && !menu.contains(event.target) && !menuToggle.contains(event.target)) {
      closeMenu();
    }
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });

  linkToggle.addEventListener("click", function () {
    closeMenu();
    var open = linkForm.hidden;
    linkForm.hidden = !open;
    linkToggle.setAttribute("aria-expanded", String(open));
    if (open) {
      linkCode.focus();
    }
  });

  linkForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!sessionId) {
      linkResult.textContent = "Still connecting. Try again in a moment.";
      return;
    }
    postJson("/chat/link", { session_id: sessionId, code: linkCode.value }).then(function (result) {
      linkResult.textContent = result.data.message || "Something went wrong.";
      if (result.ok) {
        linkCode.value = "";
        linkForm.hidden = true; /* done: the outcome stays readable in the status line */
        linkToggle.setAttribute("aria-expanded", "false");
        setStatus(result.data.message);
        loadHistory().then(function () {
          if (confirmed) {
            socket.emit("user_uttered", { message: "/greet", session_id: sessionId });
            waitForReply();
          }
          input.focus();
        });
      } else {
        linkCode.focus();
      }
    }).catch(function () {
      linkResult.textContent = "Pacer can't be reached right now. Try again soon.";
    });
  });

  loadHistory().then(connect);
})();
