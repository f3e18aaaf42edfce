// The modeler: bpmn-js with the Camunda properties panel and token simulation; validate,
// deploy, download.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';

import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';

import { escapeHtml, readJson, withLayout } from './layout';
import { busyRunner, postJson, translator, unsavedGuard } from './studio';

const root = document.getElementById('modeler');
const problemsBox = document.getElementById('problems');
const dirtyBadge = document.getElementById('dirty');
const TEXT = readJson(root.dataset.text) || {};
const deployDialog = document.getElementById('deploy-dialog');
const deployComment = document.getElementById('deploy-comment');
let base = readJson(root.dataset.base);
let marked = [];

const t = translator(TEXT);

const modeler = new BpmnModeler({
  container: '#canvas',
  propertiesPanel: { parent: '#properties' },
  additionalModules: [
    BpmnPropertiesPanelModule,
    BpmnPropertiesProviderModule,
    CamundaPlatformPropertiesProviderModule,
    CamundaBehaviorsModule,
    // A dry run by hand: walk tokens through the diagram, choosing gateway branches.
    TokenSimulationModule,
  ],
  moddleExtensions: { camunda: camundaModdle },
});
window.hypercrm = { modeler };

// Leaving with unsaved changes asks first.
const setDirty = unsavedGuard(dirtyBadge);

async function load(source) {
  const { xml, laidOut } = await withLayout(source);
  await modeler.importXML(xml);
  const canvas = modeler.get('canvas');
  // Fit, then leave room on the left for the palette.
  canvas.zoom('fit-viewport', 'auto');
  canvas.zoom(Math.min(1, canvas.zoom() * 0.85), 'auto');
  const box = canvas.viewbox();
  const left = (box.inner.x - box.x) * box.scale;
  if (left < 120) canvas.scroll({ dx: 120 - left, dy: 0 });
  clearMarks();
  setDirty(laidOut);
  if (laidOut) {
    say('info', escapeHtml(t('laidOut')));
  }
  root.dataset.ready = 'true';
}

function clearMarks() {
  const canvas = modeler.get('canvas');
  for (const id of marked) canvas.removeMarker(id, 'has-error');
  modeler.get('overlays').remove({ type: 'problem' });
  marked = [];
}

function say(kind, html) {
  problemsBox.innerHTML = `<div class="flash flash-${kind}">${html}</div>`;
}

// An element as a person names it: its name, else its kind ("Script task without a name").
function elementLabel(id) {
  const element = modeler.get('elementRegistry').get(id);
  if (!element) return '';
  const business = element.businessObject;
  const name = (business.name || '').trim();
  if (name) return name;
  const type = business.$type.replace(/^bpmn:/, '');
  const kind = (TEXT.types || {})[type[0].toLowerCase() + type.slice(1)] || type;
  return t('unnamed', { kind });
}

function problemItem(problem, kind) {
  const label = problem.element_id ? elementLabel(problem.element_id) : '';
  const where = [label && `<strong class="problem-element">${escapeHtml(label)}</strong>`,
    problem.line && escapeHtml(t('line', { line: problem.line }))].filter(Boolean).join(' · ');
  const button = problem.element_id && label
    ? ` data-element="${escapeHtml(problem.element_id)}" role="button"` : '';
  return `<li class="problem problem-${kind}"${button} tabindex="0">`
    + (where ? `<span class="problem-where">${where}</span>` : '')
    + `<span class="problem-text">${escapeHtml(problem.message)}</span></li>`;
}

function showProblems(errors, warnings, heading) {
  clearMarks();
  const registry = modeler.get('elementRegistry');
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  for (const problem of errors) {
    const id = problem.element_id;
    if (!id || !registry.get(id) || marked.includes(id)) continue;
    canvas.addMarker(id, 'has-error');
    overlays.add(id, 'problem', {
      position: { top: -12, right: 12 },
      html: `<span class="error-badge" title="${escapeHtml(problem.message)}">!</span>`,
    });
    marked.push(id);
  }
  const kind = errors.length ? 'error' : 'success';
  problemsBox.innerHTML = `<div class="flash flash-${kind}" data-result="${kind}">${heading}</div>`
    + (errors.length || warnings.length
      ? `<ul class="problems-list">${errors.map((p) => problemItem(p, 'error')).join('')}`
        + `${warnings.map((p) => problemItem(p, 'warning')).join('')}</ul>`
      : '');
}

function focusElement(id) {
  const element = modeler.get('elementRegistry').get(id);
  if (!element) return;
  modeler.get('selection').select(element);
  modeler.get('canvas').scrollToElement(element);
}

problemsBox.addEventListener('click', (event) => {
  const item = event.target.closest('[data-element]');
  if (item) focusElement(item.dataset.element);
});
problemsBox.addEventListener('keydown', (event) => {
  const item = event.target.closest('[data-element]');
  if (item && (event.key === 'Enter' || event.key === ' ')) focusElement(item.dataset.element);
});

async function post(url, extra = {}) {
  const { xml } = await modeler.saveXML({ format: true });
  return postJson(url, { xml, base, ...extra }, t);
}

const busy = busyRunner(root, (error) => say('error', escapeHtml(t('wrong', { error: error.message }))));

async function validate() {
  const { status, body } = await post(root.dataset.validateUrl);
  if (status !== 200) {
    showProblems(body.errors || [], [], escapeHtml(t('cannotValidate', { status })));
    return null;
  }
  const errors = body.errors || [];
  showProblems(errors, body.warnings || [], escapeHtml(body.valid
    ? t('valid') : t('invalid', { count: errors.length })));
  return body;
}

// What a deploy would do: the next version, and the cases that stay on older ones.
function impactHtml(impact) {
  return (impact || []).map((row) => {
    const name = escapeHtml(row.name || row.key);
    if (row.unchanged) {
      return `<p data-impact="unchanged">${escapeHtml(t('impactUnchanged', { name: row.name || row.key, version: row.latest }))}</p>`;
    }
    const running = row.running.map((r) => escapeHtml(t('impactRunningOn', { count: r.count, version: r.version })));
    const head = escapeHtml(t(row.latest ? 'impactNext' : 'impactFirst', { name: '\u0000', version: row.next })).replace('\u0000', `<strong>${name}</strong>`);
    return `<p data-impact="next">${head}</p>`
      + (running.length
        ? `<p>${escapeHtml(t('impactStay'))}</p><ul class="impact-list">${running.map((r) => `<li>${r}</li>`).join('')}</ul>`
        : `<p class="muted">${escapeHtml(t('impactNone'))}</p>`);
  }).join('');
}

async function askToDeploy() {
  const body = await validate();
  if (!body || !body.valid) return;
  document.getElementById('deploy-impact').innerHTML = impactHtml(body.impact);
  deployDialog.showModal();
  deployComment.focus();
}

async function deploy(comment) {
  const { status, body } = await post(root.dataset.deployUrl, { comment });
  if (status === 201 || status === 200) {
    const links = body.deployed.map((d) => `<a href="${escapeHtml(d.url)}">`
      + `${escapeHtml(t('version', { name: d.name || d.key, version: d.version }))}</a>`
      + (d.created ? '' : ` ${escapeHtml(t('unchanged'))}`)).join(', ');
    showProblems([], [], escapeHtml(t('deployed')).replace('%(links)s', links));
    const mine = body.deployed.find((d) => !base || d.key === base.key) || body.deployed[0];
    base = { key: mine.key, version: mine.version };
    root.dataset.deployedVersion = String(mine.version);
    const editing = document.getElementById('editing');
    if (editing) editing.textContent = t('deployedAs', { version: mine.version });
    deployComment.value = '';
    setDirty(false);
    return;
  }
  const errors = body.errors || [];
  showProblems(errors, [], escapeHtml(status === 403
    ? (errors[0] ? errors[0].message : t('forbidden'))
    : t('notDeployed', { count: errors.length })));
}

async function download() {
  const { xml } = await modeler.saveXML({ format: true });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  link.download = root.dataset.fileName || 'diagram.bpmn';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

document.getElementById('validate').addEventListener('click', (e) => busy(e.currentTarget, validate));
// Deploying checks the diagram first: problems are listed, a valid one asks for the comment
// and says which cases stay on which version.
document.getElementById('deploy').addEventListener('click', (e) => busy(e.currentTarget, askToDeploy));
document.getElementById('deploy-cancel').addEventListener('click', () => deployDialog.close());
document.getElementById('deploy-form').addEventListener('submit', (event) => {
  event.preventDefault();
  deployDialog.close();
  busy(document.getElementById('deploy'), () => deploy(deployComment.value));
});
// "Try it": a test run of the diagram as it is now, with sample data; the path is marked.
const tryDialog = document.getElementById('try-dialog');
const trySample = document.getElementById('try-sample');
const tryProblem = document.getElementById('try-problem');
let lastSample = { variables: {}, tasks: {}, services: {} };
let pathMarked = [];

function clearPath() {
  const canvas = modeler.get('canvas');
  for (const id of pathMarked) canvas.removeMarker(id, 'trial-path');
  pathMarked = [];
}

// The diagram's user and service tasks, each with the answer typed last time (or none).
function sampleFor() {
  const tasks = {};
  const services = {};
  for (const element of modeler.get('elementRegistry').getAll()) {
    const type = element.businessObject && element.businessObject.$type;
    if (type === 'bpmn:UserTask') tasks[element.id] = (lastSample.tasks || {})[element.id] || {};
    if (type === 'bpmn:ServiceTask' || type === 'bpmn:SendTask') {
      services[element.id] = (lastSample.services || {})[element.id] || {};
    }
  }
  return { variables: lastSample.variables || {}, tasks, services };
}

function stepItem(step) {
  const label = elementLabel(step.element_id) || step.name || step.element_id;
  const produced = Object.entries(step.produced || {})
    .map(([key, value]) => `<code>${escapeHtml(key)} = ${escapeHtml(JSON.stringify(value))}</code>`).join('');
  return `<li data-element="${escapeHtml(step.element_id)}" data-step="${escapeHtml(step.element_id)}" `
    + `tabindex="0" role="button">${escapeHtml(label)}${produced}</li>`;
}

function showTrial(body) {
  clearMarks();
  clearPath();
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  for (const step of body.path) {
    if (registry.get(step.element_id) && !pathMarked.includes(step.element_id)) {
      canvas.addMarker(step.element_id, 'trial-path');
      pathMarked.push(step.element_id);
    }
  }
  const count = body.path.length;
  const names = body.waiting.map((w) => elementLabel(w.element_id) || w.name || w.element_id).join(', ');
  let heading;
  let kind = 'success';
  if (body.status === 'completed') heading = t('tryCompleted', { count });
  else if (body.status === 'waiting') heading = t('tryWaiting', { count, names });
  else if (body.status === 'stopped') { heading = t('tryStopped', { count }); kind = 'error'; }
  else {
    kind = 'error';
    const error = body.error || {};
    heading = t('tryFailed', { name: elementLabel(error.element_id) || error.element_id || '?', error: error.message || '' });
    if (error.element_id && registry.get(error.element_id)) {
      canvas.addMarker(error.element_id, 'has-error');
      marked.push(error.element_id);
    }
  }
  problemsBox.innerHTML = `<div class="flash flash-${kind}" data-result="trial-${body.status}">${escapeHtml(heading)}</div>`
    + `<p><strong>${escapeHtml(t('tryPath'))}</strong></p>`
    + `<ol class="trial-path-list" data-trial-path>${body.path.map(stepItem).join('')}</ol>`;
}

async function tryRun(sample) {
  const { status, body } = await post(root.dataset.tryUrl, { sample });
  if (status === 200) {
    showTrial(body);
    return;
  }
  const errors = body.errors || [];
  showProblems(errors, [], escapeHtml(t('tryInvalid', { count: errors.length })));
}

document.getElementById('try').addEventListener('click', () => {
  trySample.value = JSON.stringify(sampleFor(), null, 2);
  tryProblem.hidden = true;
  tryDialog.showModal();
  trySample.focus();
});
document.getElementById('try-cancel').addEventListener('click', () => tryDialog.close());
trySample.addEventListener('input', () => { tryProblem.hidden = true; });
document.getElementById('try-form').addEventListener('submit', (event) => {
  event.preventDefault();
  let sample;
  try {
    sample = JSON.parse(trySample.value || '{}');
  } catch (error) {
    tryProblem.textContent = t('sampleNotJson', { error: error.message });
    tryProblem.hidden = false;
    return;
  }
  lastSample = sample && typeof sample === 'object' ? sample : lastSample;
  tryDialog.close();
  busy(document.getElementById('try'), () => tryRun(sample));
});

// A user task's form: "Edit form" opens it in the form editor; "New form" makes one for the
// task (the task names it), deploys the diagram with it and opens the form editor.
const taskForms = readJson(root.dataset.taskForms) || {};
const taskFormBox = document.getElementById('task-form');
const formDialog = document.getElementById('form-dialog');
const formTitle = document.getElementById('form-new-title');
const formComment = document.getElementById('form-new-comment');
let formTask = null;

function formOf(element) {
  return element.businessObject.get('camunda:formKey') || taskForms[element.id] || '';
}

function showTaskForm(element) {
  formTask = element;
  const name = formOf(element);
  const edit = document.getElementById('task-form-edit');
  document.getElementById('task-form-text').textContent = name ? t('taskForm', { name }) : t('taskNoForm');
  edit.hidden = !name;
  if (name) edit.href = root.dataset.formEditUrl.replace('__name__', encodeURIComponent(name));
  document.getElementById('task-form-new').hidden = Boolean(name);
  taskFormBox.hidden = false;
}

modeler.on('selection.changed', ({ newSelection }) => {
  const [element] = newSelection;
  if (newSelection.length === 1 && element.type === 'bpmn:UserTask') showTaskForm(element);
  else {
    formTask = null;
    taskFormBox.hidden = true;
  }
});

document.getElementById('task-form-new').addEventListener('click', () => {
  formTitle.value = (formTask && formTask.businessObject.name) || '';
  formComment.value = '';
  formDialog.showModal();
  formTitle.focus();
});
document.getElementById('form-new-cancel').addEventListener('click', () => formDialog.close());

async function newForm(element) {
  const name = `${element.id}-schema.json`;
  modeler.get('modeling').updateProperties(element, { 'camunda:formKey': name });
  const { status, body } = await post(root.dataset.formNewUrl, {
    element_id: element.id, title: formTitle.value, comment: formComment.value,
  });
  if (status === 201) {
    setDirty(false);
    root.dataset.formMade = body.form;
    window.location.assign(body.edit_url);
    return;
  }
  modeler.get('commandStack').undo(); // the task shows no form it does not have
  const errors = body.errors || [];
  showProblems(errors, [], escapeHtml(status === 403 && errors[0] ? errors[0].message
    : t('formNotMade', { count: errors.length })));
}

document.getElementById('form-new-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!formTask || !formTitle.value.trim()) return;
  const element = formTask;
  formDialog.close();
  busy(document.getElementById('task-form-new'), () => newForm(element));
});

document.getElementById('download').addEventListener('click', (e) => busy(e.currentTarget, download));
document.getElementById('open-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  try {
    await load(await file.text());
    root.dataset.fileName = file.name;
    setDirty(true);
  } catch (error) {
    say('error', escapeHtml(t('cannotOpenFile', { error: error.message })));
  }
  event.target.value = '';
});

modeler.on('commandStack.changed', () => {
  setDirty(true);
  clearPath();
});

load(readJson(root.dataset.xml) || '').catch((error) => {
  say('error', escapeHtml(t('cannotOpen', { error: error.message })));
  root.dataset.ready = 'error';
});
