// The form editor: form-js (bpmn.io) edits a user task's form; preview, validate, deploy.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';

import { FormEditor } from '@bpmn-io/form-js-editor';

import { escapeHtml, readJson } from './layout';
import { deployFlow, messenger, postJson, translator, unsavedGuard } from './studio';

const root = document.getElementById('form-editor');
const previewBox = document.getElementById('preview-box');
const titleInput = document.getElementById('form-title');
const descriptionInput = document.getElementById('form-description');
const t = translator(readJson(root.dataset.text) || {});
const setDirty = unsavedGuard(document.getElementById('dirty'));
const { say } = messenger(document.getElementById('problems'), escapeHtml);

const editor = new FormEditor({
  container: '#canvas',
  palette: { parent: '#palette' },
  propertiesPanel: { parent: '#form-properties' },
});
window.hypercrm = { editor };

// The palette offers only the fields the engine's forms take (the server names them); the
// palette reads the registered fields once, when it is first drawn, so they go before that.
function offerOnly(types) {
  const fields = editor.get('formFields');
  for (const type of Object.keys(fields._formFields)) {
    if (type !== 'default' && !types.includes(type)) delete fields._formFields[type];
  }
}
offerOnly(readJson(root.dataset.fieldTypes) || []);

// On a phone the palette and the properties open one at a time, above the form.
const toggles = root.querySelectorAll('.form-panels-toggle [data-panel]');
function showPanel(name) {
  const shown = root.dataset.panel === name ? '' : name;
  root.dataset.panel = shown;
  for (const button of toggles) button.setAttribute('aria-pressed', String(button.dataset.panel === shown));
}
for (const button of toggles) button.addEventListener('click', () => showPanel(button.dataset.panel));

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
const { busy } = deployFlow({ root, t, say, post, setDirty, escapeHtml });

async function preview() {
  const { status, body } = await post(root.dataset.previewUrl);
  if (status !== 200) {
    const errors = body.errors || [];
    say('error', escapeHtml(t('invalid', { count: errors.length })), errors);
    return;
  }
  // The server renders it with the task page's own templates.
  previewBox.innerHTML = body.html;
  previewBox.hidden = false;
  previewBox.scrollIntoView({ block: 'nearest' });
}

document.getElementById('preview').addEventListener('click', (e) => busy(e.currentTarget, preview));
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
