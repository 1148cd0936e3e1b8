/* The article editor (articles/forms.py ArticleBodyWidget, _editor_help.html): prose-editor's
   words in the page's language, autosave after typing stops, and a warning before leaving
   text that was never saved.

   A classic script, on purpose: prose-editor's modules run once the page is parsed, after
   this, so the gettext they read when they load is the one defined here. */
(function () {
  "use strict";

  const adminGettext = window.gettext || ((text) => text);
  let words = null;

  function wordsOf(kind) {
    if (!words) {
      const holder = document.querySelector("[data-editor-labels]");
      // The admin's own scripts translate while the head is read: no editor yet, ask later.
      if (!holder) return {};
      words = JSON.parse(holder.dataset.editorLabels);
    }
    return words[kind] || {};
  }

  // A reload of the form opens at its top, where an autosave is offered, not where the
  // writer was typing.
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";

  // prose-editor translates its dialogs (link, image, list) through window.gettext, which
  // the admin's catalogue answers for the admin's words only.
  window.gettext = (text) => wordsOf("dialog")[text] || adminGettext(text);

  // Its menu items are named in English and not translated at all, and it offers no hook to
  // label them: they are relabelled by name once mounted, and again whenever the menu
  // redraws a button (the dropdown shows a copy of the current block's button).
  const ITEM_OF_ICON = { notes: "paragraph", question_mark: "blockType" };

  function itemName(button) {
    if (button.dataset.name) return button.dataset.name;
    if (button.dataset.level) return "heading" + button.dataset.level;
    return ITEM_OF_ICON[button.textContent.trim()];
  }

  function relabel(menubar) {
    const labels = wordsOf("menu");
    for (const button of menubar.querySelectorAll("button")) {
      const label = labels[itemName(button)];
      if (!label) continue;
      const option = button.classList.contains("prose-menubar__option");
      const target = option ? button.firstElementChild || button : null;
      // Only when different: each change is a mutation the observer below hears again.
      if (target && target.textContent !== label) target.textContent = label;
      if (!option && button.title !== label) {
        button.title = label;
        button.setAttribute("aria-label", label);
      }
    }
  }

  function watchMenu(root) {
    const menubar = root.querySelector(":scope > .prose-menubar");
    if (!menubar) {
      // The menu is added a moment after the editor says it is ready.
      const waiting = new MutationObserver(() => {
        if (!root.querySelector(":scope > .prose-menubar")) return;
        waiting.disconnect();
        watchMenu(root);
      });
      waiting.observe(root, { childList: true });
      return;
    }
    relabel(menubar);
    new MutationObserver(() => relabel(menubar)).observe(menubar, {
      childList: true,
      subtree: true,
    });
  }

  function formState(form) {
    const parts = [];
    for (const [name, value] of new FormData(form)) {
      if (name === "csrfmiddlewaretoken") continue;
      parts.push(name + "=" + (typeof value === "string" ? value : value.name + ":" + value.size));
    }
    return parts.join("\n");
  }

  // What the autosave keeps: the text, never the article's other fields.
  function textOf(form) {
    const data = new FormData(form);
    return new URLSearchParams(
      ["title", "excerpt", "body"].map((name) => [name, data.get(name) || ""])
    ).toString();
  }

  function setField(field, value) {
    if (!field) return;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function placeAside(panel, textarea) {
    const aside = panel.querySelector(".editor-aside");
    textarea.closest(".prose-editor").after(aside);
    if (/Mac|iPhone|iPad/.test(navigator.platform)) {
      for (const key of aside.querySelectorAll("[data-mod-key]")) {
        key.textContent = key.textContent.replace("Ctrl", "⌘");
      }
    }
  }

  function newerVersionLink(panel) {
    const link = document.createElement("a");
    link.href = window.location.pathname;
    link.target = "_blank"; // this page keeps the text to copy
    link.rel = "noopener";
    link.textContent = panel.dataset.newer;
    return link;
  }

  function startAutosave(panel, form, editor, writing) {
    const status = document.querySelector("[data-autosave-status]");
    const after = Number(panel.dataset.afterSeconds) * 1000;
    const atLeast = Number(panel.dataset.atLeastEverySeconds) * 1000;
    const token = form.elements.csrfmiddlewaretoken.value;
    let kept = textOf(form); // what needs no keeping: the article's text, or the last kept
    let timer = null;
    let firstUnkept = null;
    let refused = null; // a text the server would not keep (too long): not sent again
    let sending = false;
    let stopped = false;

    function say(message, warning) {
      status.textContent = message;
      status.classList.toggle("editor-status-warning", Boolean(warning));
    }

    function schedule() {
      clearTimeout(timer);
      const text = textOf(form);
      if (stopped || text === kept || text === refused) return;
      firstUnkept = firstUnkept || Date.now();
      // After a pause in the typing, or at the latest a while after the first unkept change.
      const wait = Math.min(after, firstUnkept + atLeast - Date.now());
      timer = setTimeout(send, Math.max(0, wait));
    }

    async function send(options) {
      clearTimeout(timer);
      const text = textOf(form);
      if (stopped || sending || text === kept || text === refused || writing.submitting) return;
      const body = new URLSearchParams(text);
      const seen = form.elements.version_seen;
      body.set("version_seen", seen ? seen.value : "");
      sending = true;
      say(panel.dataset.saving);
      try {
        const response = await fetch(panel.dataset.autosaveUrl, {
          method: "POST",
          body,
          headers: { "X-CSRFToken": token },
          credentials: "same-origin",
          redirect: "manual", // a lapsed session answers with the way to the login page
          keepalive: Boolean(options && options.keepalive),
        });
        if (response.type === "opaqueredirect") {
          say(panel.dataset.signedOut, true);
          return;
        }
        const answer = await response.json();
        if (response.ok) {
          kept = text;
          firstUnkept = null;
          say(answer.message);
        } else {
          // Refused (someone saved since, or no right to edit): trying again changes nothing.
          stopped = response.status === 409 || response.status === 403;
          refused = response.status === 400 ? text : null;
          say(answer.message || panel.dataset.failed, true);
          if (response.status === 409) status.append(" ", newerVersionLink(panel));
        }
      } catch {
        say(panel.dataset.failed, true);
      } finally {
        sending = false;
        schedule();
      }
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // Leaving, or hiding the tab: keep what was typed since the last autosave.
    window.addEventListener("pagehide", () => send({ keepalive: true }));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") send({ keepalive: true });
    });
    offerRestore(form, editor, (text) => (kept = text));
  }

  function offerRestore(form, editor, restored) {
    const notice = document.getElementById("autosave-notice");
    const data = document.getElementById("autosave-text");
    if (!notice || !data) return;
    notice.querySelector("[data-autosave-restore]").addEventListener("click", () => {
      const text = JSON.parse(data.textContent);
      setField(form.elements.title, text.title);
      setField(form.elements.excerpt, text.excerpt);
      editor.commands.setContent(text.body);
      restored(textOf(form)); // the server has it already
      notice.remove();
      editor.commands.focus("end");
    });
    notice.querySelector("[data-autosave-dismiss]").addEventListener("click", () => {
      notice.remove();
    });
  }

  // The writing area is a contenteditable that prose-editor leaves unnamed: screen readers
  // would announce a nameless text box. It takes the name and help of the field it stands for.
  function nameWritingArea(editor, textarea) {
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    const area = editor.view.dom;
    if (label) area.setAttribute("aria-label", label.textContent.replace(/[:：]\s*$/, "").trim());
    const help = textarea.getAttribute("aria-describedby");
    if (help) area.setAttribute("aria-describedby", help);
    area.setAttribute("aria-multiline", "true");
  }

  function startWriting(editor, textarea) {
    nameWritingArea(editor, textarea);
    const form = textarea.form;
    const writing = { submitting: false };
    const initial = formState(form);
    form.addEventListener("submit", () => (writing.submitting = true));
    window.addEventListener("beforeunload", (event) => {
      if (writing.submitting || formState(form) === initial) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers ask for it; the browser writes the words
    });
    const panel = document.getElementById("article-editor");
    if (!panel) return; // a revision being restored: no autosave there
    placeAside(panel, textarea);
    startAutosave(panel, form, editor, writing);
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    watchMenu(textarea.closest(".prose-editor"));
    if (textarea.name === "body" && textarea.form) startWriting(editor, textarea);
  });
})();
