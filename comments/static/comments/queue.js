// The moderation queue without page reloads: each card's buttons (approve, hold, spam, trash,
// restore, reply, quick edit) post their small form by fetch, the server sends the card drawn
// again with the new counts, and the change is announced. Keyboard shortcuts as WordPress's:
// j/k move, a/u/s/t act on the selected comment, r opens its reply box, Escape closes a box.
// Without this file the same buttons post the same forms and the page comes back.
"use strict";
{
  const ACTION_KEYS = { a: "approve", u: "hold", s: "spam", t: "trash" };
  const TYPING = "input, textarea, select, [contenteditable]";
  const announcer = document.getElementById("queue-announce");
  let currentPk = null;

  function cards() {
    return Array.from(document.querySelectorAll(".queue-card"));
  }

  function currentCard() {
    return currentPk && document.getElementById("queue-comment-" + currentPk);
  }

  function select(card) {
    if (!card) return;
    document.querySelectorAll(".queue-card.is-current").forEach((other) => {
      other.classList.remove("is-current");
    });
    card.classList.add("is-current");
    currentPk = card.dataset.pk;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    const all = cards();
    if (!all.length) return;
    const index = all.indexOf(currentCard());
    if (index === -1) {
      select(step > 0 ? all[0] : all[all.length - 1]);
      return;
    }
    select(all[Math.min(Math.max(index + step, 0), all.length - 1)]);
  }

  function announce(message) {
    // Emptied first: the same words twice in a row are announced twice.
    announcer.textContent = "";
    window.setTimeout(() => {
      announcer.textContent = message;
    }, 50);
  }

  function showCounts(answer) {
    document.querySelectorAll("[data-status-count]").forEach((link) => {
      const label = answer.counts[link.dataset.statusCount];
      if (label) link.textContent = label;
    });
    document.querySelectorAll("[data-pending-badge]").forEach((badge) => {
      badge.querySelector("[data-pending-count]").textContent = answer.pending;
      badge.hidden = !answer.pending;
    });
  }

  function redraw(card, html) {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const fresh = holder.content.firstElementChild;
    card.replaceWith(fresh);
    return fresh;
  }

  function idle(card) {
    card.classList.remove("is-busy");
    card.removeAttribute("aria-busy");
  }

  // Send a card's form by fetch; on success the card is drawn again (then(fresh) is called),
  // on a refusal it is left as it is, with what was typed, and the reason is announced.
  async function send(form, submitter, then) {
    const card = document.getElementById(form.id.replace("queue-row-", "queue-comment-"));
    if (!card || card.classList.contains("is-busy")) return;
    card.classList.add("is-busy");
    card.setAttribute("aria-busy", "true");
    let answer;
    try {
      const response = await fetch(submitter.formAction, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      answer = await response.json();
    } catch {
      // Signed out, offline, a server error: nothing changed here, and the moderator is told.
      idle(card);
      announce(announcer.dataset.failed);
      return;
    }
    announce(answer.message);
    if (answer.counts) showCounts(answer);
    if (!answer.ok || !answer.card) {
      idle(card);
      return;
    }
    const fresh = redraw(card, answer.card);
    (then || select)(fresh);
  }

  function act(card, action) {
    const button = card.querySelector('[data-action="' + action + '"]');
    const form = document.getElementById("queue-row-" + card.dataset.pk);
    if (!button || !form) return;
    send(form, button, (fresh) => {
      select(fresh);
      move(1);
    });
  }

  // The letter of the key; on an Arabic (or any non-Latin) layout, the Latin letter printed
  // on the same key, so that moderators need not switch layouts.
  function shortcut(event) {
    if (/^[a-z]$/i.test(event.key)) return event.key.toLowerCase();
    if (/^Key[A-Z]$/.test(event.code)) return event.code.slice(3).toLowerCase();
    return event.key.toLowerCase();
  }

  function openBox(card, name) {
    const box = card.querySelector(".queue-" + name);
    if (!box) return;
    box.open = true;
    box.querySelector("textarea").focus();
  }

  function closeBox(field) {
    const box = field.closest("details");
    const card = field.closest(".queue-card");
    if (box) box.open = false;
    select(card);
  }

  // One listener for every card, drawn now or later: the forms live outside the cards.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!form.classList || !form.classList.contains("queue-row-form")) return;
      if (!event.submitter) return;
      event.preventDefault();
      send(form, event.submitter);
    },
    true,
  );

  document.addEventListener("focusin", (event) => {
    const card = event.target instanceof Element && event.target.closest(".queue-card");
    if (card && card.dataset.pk !== currentPk) {
      document.querySelectorAll(".queue-card.is-current").forEach((other) => {
        other.classList.remove("is-current");
      });
      card.classList.add("is-current");
      currentPk = card.dataset.pk;
    }
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target instanceof Element ? event.target : document.body;
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      const field = target;
      // Ctrl+Enter in a reply or edit box sends it, as its button does.
      const inCard = field.form && field.form.classList.contains("queue-row-form");
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && inCard) {
        const button = field.closest("details")?.querySelector("button[type=submit]");
        if (button) {
          event.preventDefault();
          send(field.form, button);
        }
      }
      return;
    }
    if (target.closest(TYPING)) {
      if (event.key === "Escape" && target.closest(".queue-card")) {
        event.preventDefault();
        closeBox(target);
      }
      return;
    }
    const card = currentCard();
    const key = shortcut(event);
    if (key === "j" || key === "k") {
      event.preventDefault();
      move(key === "j" ? 1 : -1);
    } else if (card && ACTION_KEYS[key]) {
      event.preventDefault();
      act(card, ACTION_KEYS[key]);
    } else if (card && key === "r") {
      event.preventDefault();
      openBox(card, "reply");
    } else if (key === "escape" && target.closest("details.queue-box")) {
      closeBox(target);
    }
  });
}
