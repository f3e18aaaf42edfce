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
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';

import { escapeHtml, readJson, withLayout } from './layout';
import { panelModule } from './modeler-panel';
import { setupTaskForm } from './modeler-task-form';
import { setupTemplates } from './modeler-templates';
import { setupTrial } from './modeler-trial';
import { busyRunner, postJson, translator, unsavedGuard } from './studio';

const root = document.getElementById('modeler');
const problemsBox = document.getElementById('problems');
const dirtyBadge = document.getElementById('dirty');
const TEXT = readJson(root.dataset.text) || {};
const deployDialog = document.getElementById('deploy-dialog');
const deployComment = document.getElementById('deploy-comment');
let base = readJson(root.dataset.base);
// Decision tables (.dmn) opened beside the diagram: they go with it into the bundle that is
// validated, tried and deployed, replacing a file of the same name.
let decisions = {};
let marked = [];

const t = translator(TEXT);
// The connectors' names, from their templates (modeler-templates.js fills it).
const connectorNames = new Set();

const modeler = new BpmnModeler({
  container: '#canvas',
  propertiesPanel: {
    parent: '#properties',
    // A connector's fields are open once it is chosen (its template's groups).
    layout: {
      groups: {
        'ElementTemplates__CustomProperties-parameters': { open: true },
        'ElementTemplates__CustomProperties-result': { open: true },
      },
    },
  },
  additionalModules: [
    BpmnPropertiesPanelModule,
    BpmnPropertiesProviderModule,
    CamundaPlatformPropertiesProviderModule,
    // The connectors as element templates (GET /api/element-templates/).
    ElementTemplatesPropertiesProviderModule,
    // Only what the engine reads (modeler-panel.js).
    panelModule({ t, connectors: () => connectorNames, readProperties: readJson(root.dataset.readProperties) || {} }),
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
  return postJson(url, { xml, base, decisions, ...extra }, t);
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
    taskBoxes.update(mine);
    root.dataset.deployedVersion = String(mine.version);
    const editing = document.getElementById('editing');
    if (editing) editing.textContent = t('deployedAs', { version: mine.version });
    deployComment.value = '';
    decisions = {}; // the new version holds them now
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
document.getElementById('download').addEventListener('click', (e) => busy(e.currentTarget, download));
document.getElementById('open-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  try {
    if (file.name.toLowerCase().endsWith('.dmn')) {
      decisions = { ...decisions, [file.name]: await file.text() };
      say('info', escapeHtml(t('decisionOpened', { name: file.name })));
      setDirty(true);
      event.target.value = '';
      return;
    }
    await load(await file.text());
    root.dataset.fileName = file.name;
    setDirty(true);
  } catch (error) {
    say('error', escapeHtml(t('cannotOpenFile', { error: error.message })));
  }
  event.target.value = '';
});

modeler.on('commandStack.changed', () => setDirty(true));

function markError(id) {
  modeler.get('canvas').addMarker(id, 'has-error');
  marked.push(id);
}

// A step of another process, without a name: its kind ("Start event without a name").
function unnamedStep(kind) {
  const type = kind ? kind[0].toLowerCase() + kind.slice(1) : '';
  return t('unnamed', { kind: (TEXT.types || {})[type] || kind });
}

setupTrial({
  modeler, root, t, post, busy, escapeHtml, elementLabel, showProblems, clearMarks, markError,
  problemsBox, unnamedStep,
});
setupTemplates({ modeler, root, t, escapeHtml, say, connectorNames });
const taskBoxes = setupTaskForm({
  modeler, root, t, post, busy, escapeHtml, readJson, showProblems, setDirty,
});

load(readJson(root.dataset.xml) || '').catch((error) => {
  say('error', escapeHtml(t('cannotOpen', { error: error.message })));
  root.dataset.ready = 'error';
});
