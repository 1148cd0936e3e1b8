// The comment form of a (possibly cached, shared) article page gets this reader's CSRF token
// and a fresh signed timestamp from the server when the page loads. The form works without
// them (comments.origin trusts the Origin and Sec-Fetch-Site headers browsers send): the
// token serves the browsers that send neither, the timestamp keeps bots from posting at once.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("commentform");
  if (!form || !form.dataset.tokenUrl) return;
  fetch(form.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((values) => {
      form.elements.csrfmiddlewaretoken.value = values.csrf;
      form.elements.issued.value = values.issued;
    })
    .catch(() => {}); // offline or refused: the form as served is still sendable
});
