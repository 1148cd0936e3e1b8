// The comment form of a (possibly cached, shared) article page gets this reader's CSRF token
// and a fresh signed timestamp from the server when the page loads.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("commentform");
  if (!form) return;
  fetch(form.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
    .then((response) => response.json())
    .then((values) => {
      form.elements.csrfmiddlewaretoken.value = values.csrf;
      form.elements.issued.value = values.issued;
    });
});
