/* The article desk: names for the controls the admin's widgets leave unnamed, the title's
   focus on a new article, and the preview link's copy button.

   Django's change_form.js focuses the first control of an add form, which here is the top
   row's save button: the writer is put back in the title, to type at once.

   The Clipboard API works only in a secure context (https, or this machine); a newsroom
   reaching the admin over plain http on its network has none. There the link is selected
   and copied the old way, and if the browser refuses that too, it stays selected for the
   keyboard. Either way the status line says what happened. */
"use strict";

(function () {
  function labelFor(id) {
    const label = document.querySelector('label[for="' + id + '"]');
    if (label && !label.id) {
      label.id = id + "-label";
    }
    return label;
  }

  function nameOf(label) {
    return label.textContent.replace(/[:\s]+$/, "").trim();
  }

  function setOnce(element, attribute, value) {
    if (element.getAttribute(attribute) !== value) {
      element.setAttribute(attribute, value);
    }
  }

  // Screen readers (and axe) find no name on select2's boxes (named after their value:
  // nothing when empty) nor on a file input Django draws under a legend. Each takes its
  // field's label. select2 draws its boxes again at every change, hence the observer.
  // (The body's writing area is named by editor.js.)
  function nameControls() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const label = labelFor(select.id);
      const box = select.nextElementSibling;
      if (!label || !box || !box.classList.contains("select2")) {
        return;
      }
      box.querySelectorAll("[role=combobox]").forEach(function (combobox) {
        const shown = combobox.querySelector(".select2-selection__rendered[id]");
        setOnce(combobox, "aria-labelledby", label.id + (shown ? " " + shown.id : ""));
      });
      box.querySelectorAll(".select2-selection__rendered[role=textbox], .select2-search__field")
        .forEach(function (field) {
          setOnce(field, "aria-label", nameOf(label));
        });
    });
    document.querySelectorAll("fieldset > legend").forEach(function (legend, index) {
      const input = legend.parentElement.querySelector("input[type=file]");
      if (input && !labelFor(input.id)) {
        legend.id = legend.id || "desk-legend-" + index;
        setOnce(input, "aria-labelledby", legend.id);
      }
    });
  }

  function copyBySelection(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  // change_form.js is loaded async: by "load" it has run.
  window.addEventListener("load", function () {
    const form = document.getElementById("article_form");
    if (form) {
      nameControls();
      let queued = false;
      new MutationObserver(function () {
        if (!queued) {
          queued = true;
          window.requestAnimationFrame(function () {
            queued = false;
            nameControls();
          });
        }
      }).observe(form, { childList: true, subtree: true });
    }
    const constants = document.getElementById("django-admin-form-add-constants");
    const title = document.getElementById("id_title");
    if (constants && constants.dataset.modelName && title) {
      title.focus();
    }
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.status);
    const say = function (copied) {
      status.textContent = copied ? button.dataset.copied : button.dataset.selected;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () {
          say(true);
        },
        function () {
          say(copyBySelection(field));
        }
      );
    } else {
      say(copyBySelection(field));
    }
  });
})();
