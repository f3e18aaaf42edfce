// The decision table editor: dmn-js (decision table and DRD views); validate, deploy.
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';

import DmnModeler from 'dmn-js/lib/Modeler';

import { escapeHtml, readJson } from './layout';
import { busyRunner, postJson, translator, unsavedGuard } from './studio';

const root = document.getElementById('decision-editor');
const problemsBox = document.getElementById('problems');
const dirtyBadge = document.getElementById('dirty');
const deployDialog = document.getElementById('deploy-dialog');
const deployComment = document.getElementById('deploy-comment');
const TEXT = readJson(root.dataset.text) || {};

const t = translator(TEXT);

const editor = new DmnModeler({ container: '#canvas' });
window.hypercrm = { editor };

const setDirty = unsavedGuard(dirtyBadge);

function say(kind, html, items = '') {
  problemsBox.innerHTML = `<div class="flash flash-${kind}" data-result="${kind}">${html}</div>${items}`;
}

function problemList(errors) {
  if (!errors.length) return '';
  return `<ul class="problems-list">${errors.map((p) => '<li class="problem problem-error">'
    + `<span class="problem-text">${escapeHtml(p.message)}</span></li>`).join('')}</ul>`;
}

async function post(url, extra = {}) {
  const { xml } = await editor.saveXML({ format: true });
  return postJson(url, { xml, ...extra }, t);
}

const busy = busyRunner(root, (error) => say('error', escapeHtml(t('wrong', { error: error.message }))));

async function validate() {
  const { status, body } = await post(root.dataset.validateUrl);
  const errors = body.errors || [];
  if (status !== 200) {
    say('error', escapeHtml(t('serverAnswered', { status })), problemList(errors));
    return false;
  }
  if (body.valid) say('success', escapeHtml(t('valid')));
  else say('error', escapeHtml(t('invalid', { count: errors.length })), problemList(errors));
  return body.valid;
}

async function deploy(comment) {
  const { status, body } = await post(root.dataset.deployUrl, { comment });
  if (status === 201 || status === 200) {
    const links = body.deployed.map((d) => `<a href="${escapeHtml(d.url)}">`
      + `${escapeHtml(t('version', { name: d.name || d.key, version: d.version }))}</a>`
      + (d.created ? '' : ` ${escapeHtml(t('unchanged'))}`)).join(', ');
    say('success', escapeHtml(t('deployed')).replace('%(links)s', links));
    // The header names the versions the next deploy builds on.
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

async function open() {
  await editor.importXML(readJson(root.dataset.xml) || '');
  // Open the decision table itself (the DRD is one click away in the editor's tabs).
  const table = editor.getViews().find((view) => view.type === 'decisionTable');
  if (table) await editor.open(table);
  editor.on('views.changed', () => {
    const viewer = editor.getActiveViewer();
    if (viewer && !viewer.hypercrmWatched) {
      viewer.hypercrmWatched = true;
      viewer.on('commandStack.changed', () => setDirty(true));
    }
  });
  const viewer = editor.getActiveViewer();
  viewer.hypercrmWatched = true;
  viewer.on('commandStack.changed', () => setDirty(true));
  root.dataset.ready = 'true';
}

open().catch((error) => {
  say('error', escapeHtml(t('cannotOpen', { error: error.message })));
  root.dataset.ready = 'error';
});
