// The form editor: form-js (bpmn.io) edits a user task's form; preview, validate, deploy.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';

import { FormEditor } from '@bpmn-io/form-js-editor';

import { escapeHtml, readJson } from './layout';
import { busyRunner, postJson, translator, unsavedGuard } from './studio';

const root = document.getElementById('form-editor');
const problemsBox = document.getElementById('problems');
const previewBox = document.getElementById('preview-box');
const deployDialog = document.getElementById('deploy-dialog');
const deployComment = document.getElementById('deploy-comment');
const titleInput = document.getElementById('form-title');
const descriptionInput = document.getElementById('form-description');
const t = translator(readJson(root.dataset.text) || {});
const setDirty = unsavedGuard(document.getElementById('dirty'));

const editor = new FormEditor({ container: '#canvas' });
window.hypercrm = { editor };

function say(kind, html, items = '') {
  problemsBox.innerHTML = `<div class="flash flash-${kind}" data-result="${kind}">${html}</div>${items}`;
}

function problemList(errors) {
  if (!errors.length) return '';
  return `<ul class="problems-list">${errors.map((p) => '<li class="problem problem-error">'
    + `<span class="problem-text">${escapeHtml(p.message)}</span></li>`).join('')}</ul>`;
}

// The edited form, with the title and description typed above the editor.
function edited() {
  const form = editor.saveSchema();
  const extra = form.hypercrm || { schema: { $schema: 'https://json-schema.org/draft/2020-12/schema' }, ui: {} };
  const top = { ...extra.schema };
  for (const [name, input] of [['title', titleInput], ['description', descriptionInput]]) {
    if (input.value.trim()) top[name] = input.value.trim();
    else delete top[name];
  }
  form.hypercrm = { ...extra, schema: top };
  return form;
}

const post = (url, extra = {}) => postJson(url, { form: edited(), ...extra }, t);
const busy = busyRunner(root, (error) => say('error', escapeHtml(t('wrong', { error: error.message }))));

async function validate() {
  const { status, body } = await post(root.dataset.validateUrl);
  const errors = body.errors || [];
  if (status !== 200 && status !== 400) {
    say('error', escapeHtml(t('serverAnswered', { status })), problemList(errors));
    return false;
  }
  if (body.valid) say('success', escapeHtml(t('valid')));
  else say('error', escapeHtml(t('invalid', { count: errors.length })), problemList(errors));
  return body.valid;
}

async function preview() {
  const { status, body } = await post(root.dataset.previewUrl);
  if (status !== 200) {
    const errors = body.errors || [];
    say('error', escapeHtml(t('invalid', { count: errors.length })), problemList(errors));
    return;
  }
  // The server renders it with the task page's own templates.
  previewBox.innerHTML = body.html;
  previewBox.hidden = false;
  previewBox.scrollIntoView({ block: 'nearest' });
}

async function deploy(comment) {
  const { status, body } = await post(root.dataset.deployUrl, { comment });
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
    deployComment.value = '';
    setDirty(false);
    return;
  }
  const errors = body.errors || [];
  say('error', escapeHtml(status === 403 && errors[0] ? errors[0].message
    : t('notDeployed', { count: errors.length })), problemList(errors));
}

document.getElementById('preview').addEventListener('click', (e) => busy(e.currentTarget, preview));
document.getElementById('validate').addEventListener('click', (e) => busy(e.currentTarget, validate));
document.getElementById('deploy').addEventListener('click', (e) => busy(e.currentTarget, async () => {
  if (await validate()) {
    deployDialog.showModal();
    deployComment.focus();
  }
}));
document.getElementById('deploy-cancel').addEventListener('click', () => deployDialog.close());
document.getElementById('deploy-form').addEventListener('submit', (event) => {
  event.preventDefault();
  deployDialog.close();
  busy(document.getElementById('deploy'), () => deploy(deployComment.value));
});
for (const input of [titleInput, descriptionInput]) input.addEventListener('input', () => setDirty(true));

async function open() {
  const form = readJson(root.dataset.form);
  const top = (form.hypercrm || {}).schema || {};
  titleInput.value = top.title || '';
  descriptionInput.value = top.description || '';
  await editor.importSchema(form);
  editor.on('commandStack.changed', () => setDirty(true));
  root.dataset.ready = 'true';
}

open().catch((error) => {
  say('error', escapeHtml(t('cannotOpen', { error: error.message })));
  root.dataset.ready = 'error';
});
