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

// A file editor's messages box: a flash line, then the problems listed.
export function messenger(box, escapeHtml) {
  const problemList = (errors) => (errors.length
    ? `<ul class="problems-list">${errors.map((p) => '<li class="problem problem-error">'
      + `<span class="problem-text">${escapeHtml(p.message)}</span></li>`).join('')}</ul>`
    : '');
  return {
    say(kind, html, errors = []) {
      box.innerHTML = `<div class="flash flash-${kind}" data-result="${kind}">${html}</div>${problemList(errors)}`;
    },
  };
}

// Validate, then deploy with the comment the dialog asks for: the flow of the file editors
// (a form, a decision table). `post(url, extra)` sends the edited file; the header's version
// badges follow what was deployed.
export function deployFlow({ root, t, say, post, setDirty, escapeHtml }) {
  const dialog = document.getElementById('deploy-dialog');
  const comment = document.getElementById('deploy-comment');
  const deployButton = document.getElementById('deploy');
  const busy = busyRunner(root, (error) => say('error', escapeHtml(t('wrong', { error: error.message }))));

  async function validate() {
    const { status, body } = await post(root.dataset.validateUrl);
    const errors = body.errors || [];
    if (status !== 200) {
      say('error', escapeHtml(t('serverAnswered', { status })), errors);
      return false;
    }
    if (body.valid) say('success', escapeHtml(t('valid')));
    else say('error', escapeHtml(t('invalid', { count: errors.length })), errors);
    return body.valid;
  }

  async function deploy(text) {
    const { status, body } = await post(root.dataset.deployUrl, { comment: text });
    if (status === 201 || status === 200) {
      const links = body.deployed.map((d) => `<a href="${escapeHtml(d.url)}">`
        + `${escapeHtml(t('version', { name: d.name || d.key, version: d.version }))}</a>`
        + (d.created ? '' : ` ${escapeHtml(t('unchanged'))}`)).join(', ');
      say('success', escapeHtml(t('deployed')).replace('%(links)s', links));
      for (const d of body.deployed) {
        const badge = document.querySelector(`[data-process-version="${CSS.escape(d.key)}"]`);
        if (badge) badge.textContent = `v${d.version}`;
      }
      root.dataset.deployed = 'true';
      comment.value = '';
      setDirty(false);
      return;
    }
    const errors = body.errors || [];
    say('error', escapeHtml(status === 403 && errors[0] ? errors[0].message
      : t('notDeployed', { count: errors.length })), errors);
  }

  document.getElementById('validate').addEventListener('click', (e) => busy(e.currentTarget, validate));
  deployButton.addEventListener('click', (e) => busy(e.currentTarget, async () => {
    if (await validate()) {
      dialog.showModal();
      comment.focus();
    }
  }));
  document.getElementById('deploy-cancel').addEventListener('click', () => dialog.close());
  document.getElementById('deploy-form').addEventListener('submit', (event) => {
    event.preventDefault();
    dialog.close();
    busy(deployButton, () => deploy(comment.value));
  });
  return { busy };
}
