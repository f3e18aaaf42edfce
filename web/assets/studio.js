// What the studio's editors (the modeler, the decision table editor, the form editor) share:
// the page's words, posting JSON with the CSRF token, busy buttons and the unsaved-changes guard.

// The page's words, translated on the server; %(name)s is filled in here.
export function translator(text) {
  return (name, values = {}) => (text[name] || name)
    .replace(/%\((\w+)\)s/g, (all, key) => (key in values ? values[key] : all));
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

// POST a JSON body with the session's CSRF token; an answer that is not JSON becomes one error.
export async function postJson(url, payload, t) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken() },
    body: JSON.stringify(payload),
    credentials: 'same-origin',
  });
  let body = {};
  try {
    body = await response.json();
  } catch (error) {
    body = { errors: [{ message: t('serverAnswered', { status: response.status }) }] };
  }
  return { status: response.status, body };
}

// Run `work` with its button disabled and the editor marked busy; `onError` tells what failed.
export function busyRunner(root, onError) {
  return async (button, work) => {
    button.disabled = true;
    root.classList.add('busy');
    try {
      await work();
    } catch (error) {
      onError(error);
    } finally {
      button.disabled = false;
      root.classList.remove('busy');
    }
  };
}

// Unsaved changes: the badge shows them, and leaving the page asks first (the browser's wording).
export function unsavedGuard(badge) {
  const state = { dirty: false };
  window.addEventListener('beforeunload', (event) => {
    if (!state.dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });
  return (value) => {
    state.dirty = value;
    badge.hidden = !value;
  };
}
