/* Pacer's patient chat page: a small socket.io client for Rasa's socketio channel.
 *
 * - The session id is random and kept in localStorage: it is the only key to this
 *   conversation (history is read from Pacer's web app with it, in a POST body).
 * - History is restored on load and after a reconnect, so proactive messages sent
 *   while the page was closed show up on the next visit.
 * - Buttons are real buttons; the person's choice is shown with its title.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "pacer.chat.session";
  var TYPING_TIMEOUT_MS = 30000;

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

  var sessionId = readSession();
  var socket = null;
  var confirmed = false;
  var everConnected = false;
  var typingTimer = null;

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

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function clearButtons() {
    var groups = log.querySelectorAll(".msg__buttons");
    for (var i = 0; i < groups.length; i++) {
      groups[i].parentNode.removeChild(groups[i]);
    }
  }

  function bubble(from, text, note) {
    if (empty) {
      empty.parentNode.removeChild(empty);
      empty = null;
    }
    var item = document.createElement("div");
    item.className = "msg msg--" + from;
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = from === "bot" ? "Pacer said: " : "You said: ";
    item.appendChild(who);
    var body = document.createElement("p");
    body.className = "msg__text";
    body.textContent = text;
    item.appendChild(body);
    if (note) {
      var small = document.createElement("span");
      small.className = "msg__note";
      small.textContent = "on " + note;
      item.appendChild(small);
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
        sendMessage(button.payload, button.title);
      });
      group.appendChild(el);
    });
    item.appendChild(group);
  }

  function addBotMessage(text, buttons, note) {
    var parts = (text || "").split(/\n\n+/).filter(function (part) {
      return part.trim().length > 0;
    });
    if (!parts.length) {
      parts = [""];
    }
    var item = null;
    parts.forEach(function (part) {
      item = bubble("bot", part, note);
    });
    addButtons(item, buttons);
  }

  function showTyping(on) {
    window.clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) {
      typingTimer = window.setTimeout(function () {
        typing.hidden = true;
      }, TYPING_TIMEOUT_MS);
    }
  }

  function renderHistory(messages) {
    log.textContent = "";
    empty = null;
    var lastBot = null;
    messages.forEach(function (message) {
      if (message.from === "user") {
        bubble("user", message.text, message.channel);
        lastBot = null;
      } else {
        var parts = (message.text || "").split(/\n\n+/).filter(function (p) {
          return p.trim();
        });
        var item = null;
        (parts.length ? parts : [""]).forEach(function (part) {
          item = bubble("bot", part, message.channel);
        });
        lastBot = { item: item, buttons: message.buttons };
      }
    });
    if (lastBot) {
      addButtons(lastBot.item, lastBot.buttons); /* only the latest question stays answerable */
    }
    if (!messages.length) {
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
    if (!confirmed || !payload.trim()) {
      return;
    }
    clearButtons();
    setStatus("");
    bubble("user", shown || payload);
    scrollToEnd();
    var data = { message: payload, session_id: sessionId };
    if (shown) {
      data.metadata = { display: shown };
    }
    socket.emit("user_uttered", data);
    showTyping(true);
    input.focus();
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
      showTyping(false);
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
      showTyping(false);
      setStatus("Connection lost. Reconnecting…");
    });
    socket.on("connect_error", function () {
      setStatus("Can't reach Pacer right now. Trying again…");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = "";
    sendMessage(text, null);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });

  linkToggle.addEventListener("click", function () {
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
            showTyping(true);
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
